-- A shop as it was at version 1: every later version asks something new of these rows.
CREATE TABLE customers (
    id    BIGINT PRIMARY KEY,
    email VARCHAR(200),
    name  VARCHAR(100) NOT NULL
);

CREATE TABLE orders (
    id          BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    total       NUMERIC(10, 2) NOT NULL,
    quantity    INT NOT NULL,
    note        VARCHAR(200),
    placed_on   VARCHAR(40),
    status      VARCHAR(20) NOT NULL
);
