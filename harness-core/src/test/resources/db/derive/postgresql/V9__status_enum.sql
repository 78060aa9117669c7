CREATE TYPE order_status AS ENUM ('NEW', 'PAID', 'SHIPPED');
ALTER TABLE orders ALTER COLUMN status TYPE order_status USING status::order_status;
