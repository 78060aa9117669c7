CREATE TABLE customers (
    id    BIGINT PRIMARY KEY,
    name  VARCHAR(100) NOT NULL,
    fax   VARCHAR(30),
    email VARCHAR(200) NOT NULL
);
CREATE TABLE orders (
    id          BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    total       NUMERIC(10, 2) NOT NULL
);
CREATE TABLE order_notes (
    order_id BIGINT NOT NULL,
    note     VARCHAR(100) NOT NULL
);
