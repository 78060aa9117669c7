CREATE TABLE customers (
    id    BIGINT       PRIMARY KEY,
    email VARCHAR(200) NOT NULL
);
INSERT INTO customers (id, email) VALUES (1, 'ada@example.com'), (2, 'grace@example.com');
