-- A parent and a child: V2 fails on the parent's realistic rows, and the child references it.
CREATE TABLE customers (
    id       BIGINT PRIMARY KEY,
    name     VARCHAR(100) NOT NULL,
    nickname VARCHAR(50)
);

CREATE TABLE orders (
    id          BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    total       NUMERIC(10, 2) NOT NULL,
    CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
);

CREATE TABLE products (
    id  BIGINT PRIMARY KEY,
    sku VARCHAR(40) NOT NULL
);
