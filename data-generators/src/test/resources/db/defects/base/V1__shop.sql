CREATE TABLE customers (
    id    BIGINT PRIMARY KEY,
    email VARCHAR(200) NOT NULL,
    name  VARCHAR(100) NOT NULL,
    bio   TEXT
);

CREATE TABLE orders (
    id          BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    status      VARCHAR(20) NOT NULL,
    quantity    INT NOT NULL,
    total       NUMERIC(8, 2) NOT NULL,
    order_code  VARCHAR(40) NOT NULL,
    legacy_qty  VARCHAR(10),
    legacy_date VARCHAR(40),
    legacy_json TEXT,
    legacy_uuid VARCHAR(40)
);
