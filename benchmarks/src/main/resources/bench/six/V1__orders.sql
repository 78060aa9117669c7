CREATE TABLE orders (
    id          BIGINT        PRIMARY KEY,
    customer_id BIGINT        NOT NULL,
    status      VARCHAR(20)   NOT NULL,
    total       NUMERIC(10,2) NOT NULL,
    ordered_at  TIMESTAMP     NOT NULL,
    note        VARCHAR(200)
);
