CREATE TABLE customers (
    id         BIGINT       PRIMARY KEY,
    email      VARCHAR(200) NOT NULL UNIQUE,
    name       VARCHAR(200) NOT NULL,
    created_at TIMESTAMP    NOT NULL
);
CREATE TABLE orders (
    id          BIGINT        PRIMARY KEY,
    customer_id BIGINT        NOT NULL,
    ordered_at  TIMESTAMP     NOT NULL,
    status      VARCHAR(20)   NOT NULL,
    total       NUMERIC(10,2) NOT NULL,
    CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
);
CREATE TABLE order_lines (
    id         BIGINT        PRIMARY KEY,
    order_id   BIGINT        NOT NULL,
    sku        VARCHAR(40)   NOT NULL,
    quantity   INTEGER       NOT NULL,
    unit_price NUMERIC(10,2) NOT NULL,
    CONSTRAINT fk_order_lines_order FOREIGN KEY (order_id) REFERENCES orders (id)
);
