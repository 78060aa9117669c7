-- Written after the V3 incident, shipped as a new migration: V3 itself is never edited.
-- Orders whose customer does not exist are moved aside with their lines, so that V3's
-- foreign key can be added. Nothing else changes. Support reviews the quarantine tables.
CREATE TABLE orphan_orders_quarantine AS
    SELECT o.* FROM orders o
    WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id);

CREATE TABLE orphan_order_lines_quarantine AS
    SELECT l.* FROM order_lines l
    WHERE l.order_id IN (SELECT q.id FROM orphan_orders_quarantine q);

DELETE FROM order_lines WHERE order_id IN (SELECT q.id FROM orphan_orders_quarantine q);

DELETE FROM orders WHERE id IN (SELECT q.id FROM orphan_orders_quarantine q);
