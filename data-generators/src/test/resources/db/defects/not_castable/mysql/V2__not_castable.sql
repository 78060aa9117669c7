ALTER TABLE orders MODIFY legacy_qty INT;
