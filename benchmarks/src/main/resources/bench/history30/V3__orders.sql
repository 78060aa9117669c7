CREATE TABLE orders (
    id          BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    total       NUMERIC(12, 2) NOT NULL,
    status      VARCHAR(20) NOT NULL,
    placed_at   TIMESTAMP NULL
);
