CREATE TABLE products (
    id    BIGINT PRIMARY KEY,
    sku   VARCHAR(40) NOT NULL,
    title VARCHAR(200) NOT NULL,
    price NUMERIC(10, 2) NOT NULL
);
