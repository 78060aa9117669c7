CREATE TABLE customers (
    id         BIGINT PRIMARY KEY,
    email      VARCHAR(200),
    name       VARCHAR(100) NOT NULL,
    created_at TIMESTAMP NULL
);
