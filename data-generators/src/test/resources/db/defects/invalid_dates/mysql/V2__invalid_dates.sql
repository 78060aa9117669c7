ALTER TABLE orders MODIFY legacy_date DATE;
