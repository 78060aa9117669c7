CREATE TABLE order_lines (
    id         BIGINT        PRIMARY KEY,
    order_id   BIGINT        NOT NULL,
    sku        VARCHAR(40)   NOT NULL,
    quantity   INTEGER       NOT NULL,
    unit_price NUMERIC(10,2) NOT NULL,
    CONSTRAINT fk_order_lines_order FOREIGN KEY (order_id) REFERENCES orders (id)
);
