-- Compensating migration: V2 shipped, so it stays as it is; this one repairs what it let through.
CREATE TABLE orphan_orders AS
    SELECT o.* FROM orders o WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id);
DELETE FROM orders WHERE id IN (SELECT id FROM orphan_orders);
ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_customer;
