ALTER TABLE orders ALTER COLUMN legacy_qty TYPE INTEGER USING legacy_qty::integer;
