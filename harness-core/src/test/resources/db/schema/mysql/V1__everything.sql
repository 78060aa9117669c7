CREATE TABLE customers (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    email      VARCHAR(200) NOT NULL,
    name       TEXT NOT NULL,
    country    CHAR(2),
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_customers_email UNIQUE (email)
);

CREATE TABLE orders (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id    BIGINT NOT NULL,
    status         ENUM('NEW', 'PAID', 'SHIPPED') NOT NULL DEFAULT 'NEW',
    total          DECIMAL(10, 2) NOT NULL,
    quantity       SMALLINT NOT NULL,
    payload        JSON,
    tracking       CHAR(36),
    total_with_tax DECIMAL(12, 2) AS (total * 1.2) STORED,
    CONSTRAINT chk_total CHECK (total >= 0),
    CONSTRAINT chk_quantity CHECK (quantity BETWEEN 1 AND 100),
    CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id)
);
CREATE INDEX idx_orders_status ON orders (status);

CREATE TABLE order_lines (
    order_id BIGINT NOT NULL,
    line_no  INT NOT NULL,
    sku      VARCHAR(40) NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT fk_lines_order FOREIGN KEY (order_id) REFERENCES orders (id)
);

CREATE TABLE categories (
    id        INT PRIMARY KEY,
    parent_id INT,
    name      VARCHAR(50) NOT NULL,
    CONSTRAINT categories_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES categories (id)
);
