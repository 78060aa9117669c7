CREATE TABLE customers (id BIGINT PRIMARY KEY, email VARCHAR(200) NOT NULL);
-- a table whose name holds a dot, as imported schemas sometimes have
CREATE TABLE "legacy.orders" (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL);
