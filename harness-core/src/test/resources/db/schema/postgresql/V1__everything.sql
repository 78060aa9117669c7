CREATE TYPE order_status AS ENUM ('NEW', 'PAID', 'SHIPPED');

CREATE TABLE customers (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      VARCHAR(200) NOT NULL,
    name       TEXT NOT NULL,
    country    CHAR(2),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_customers_email UNIQUE (email)
);
CREATE UNIQUE INDEX uq_customers_email_lower ON customers (lower(email));

CREATE TABLE orders (
    id             BIGSERIAL PRIMARY KEY,
    customer_id    BIGINT NOT NULL REFERENCES customers (id),
    status         order_status NOT NULL DEFAULT 'NEW',
    total          NUMERIC(10, 2) NOT NULL CONSTRAINT chk_total CHECK (total >= 0),
    quantity       SMALLINT NOT NULL,
    payload        JSONB,
    tracking       UUID,
    total_with_tax NUMERIC(12, 2) GENERATED ALWAYS AS (total * 1.2) STORED,
    CONSTRAINT chk_quantity CHECK (quantity BETWEEN 1 AND 100)
);
CREATE INDEX idx_orders_status ON orders (status);

CREATE TABLE order_lines (
    order_id BIGINT NOT NULL,
    line_no  INT NOT NULL,
    sku      VARCHAR(40) NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT fk_lines_order FOREIGN KEY (order_id) REFERENCES orders (id) DEFERRABLE
);

CREATE TABLE categories (
    id        INT PRIMARY KEY,
    parent_id INT REFERENCES categories (id),
    name      VARCHAR(50) NOT NULL
);
