CREATE TABLE customers (
    id    BIGINT       PRIMARY KEY,
    email VARCHAR(200) NOT NULL,
    name  VARCHAR(100) NOT NULL
);
