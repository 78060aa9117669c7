CREATE TABLE accounts (
    id    BIGINT PRIMARY KEY,
    email VARCHAR(200) NOT NULL,
    CONSTRAINT chk_accounts_email_domain CHECK (email LIKE '%@corp.example')
);
