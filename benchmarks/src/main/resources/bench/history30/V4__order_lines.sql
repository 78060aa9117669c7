CREATE TABLE order_lines (
    id         BIGINT PRIMARY KEY,
    order_id   BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    quantity   INT NOT NULL,
    price      NUMERIC(10, 2) NOT NULL
);
