-- A repeatable migration: it runs after the versioned ones, whenever its checksum changes.
CREATE OR REPLACE VIEW order_counts AS SELECT customer_id, COUNT(*) AS orders FROM orders GROUP BY customer_id;
