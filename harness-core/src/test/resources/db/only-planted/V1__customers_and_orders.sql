-- Columns whose realistic values hold, on their own, the defects the tests plant: NULLs, repeats, long strings.
CREATE TABLE customers (
    id      BIGINT PRIMARY KEY,
    email   VARCHAR(200),
    country VARCHAR(60),
    status  VARCHAR(20) NOT NULL,
    name    VARCHAR(200) NOT NULL,
    score   INTEGER NOT NULL,
    balance NUMERIC(12, 2) NOT NULL
);

CREATE TABLE orders (
    id          BIGINT PRIMARY KEY,
    customer_id BIGINT,
    note        VARCHAR(200),
    CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
);
