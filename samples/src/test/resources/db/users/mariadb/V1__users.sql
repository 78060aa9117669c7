CREATE TABLE users (
    id         BIGINT       PRIMARY KEY,
    email      VARCHAR(200) NOT NULL UNIQUE,
    name       VARCHAR(100) NOT NULL,
    bio        TEXT,
    created_at TIMESTAMP    NOT NULL
);
