CREATE TABLE customers (
    id         BIGINT       PRIMARY KEY,
    email      VARCHAR(200) NOT NULL UNIQUE,
    name       VARCHAR(200) NOT NULL,
    created_at TIMESTAMP    NOT NULL
);

-- Orders came from the legacy shop import: no foreign key to customers, on purpose at the time.
CREATE TABLE orders (
    id          BIGINT        PRIMARY KEY,
    customer_id BIGINT        NOT NULL,
    ordered_at  TIMESTAMP     NOT NULL,
    status      VARCHAR(20)   NOT NULL,
    total       NUMERIC(10,2) NOT NULL
);
