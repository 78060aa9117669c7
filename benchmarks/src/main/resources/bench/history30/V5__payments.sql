CREATE TABLE payments (
    id       BIGINT PRIMARY KEY,
    order_id BIGINT NOT NULL,
    amount   NUMERIC(12, 2) NOT NULL,
    method   VARCHAR(20)
);
