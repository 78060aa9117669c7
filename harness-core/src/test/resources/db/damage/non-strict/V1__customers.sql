CREATE TABLE customers (
    id   BIGINT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    bio  TEXT
);
