ALTER TABLE orders MODIFY legacy_uuid UUID;
