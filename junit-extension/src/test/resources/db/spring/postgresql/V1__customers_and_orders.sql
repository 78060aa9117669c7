CREATE TABLE customers (
    id     BIGINT PRIMARY KEY,
    region VARCHAR(40) NOT NULL DEFAULT '${region}'
);

CREATE TABLE orders (
    id          BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL
);
