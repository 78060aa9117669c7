ALTER TABLE orders ALTER COLUMN legacy_date TYPE DATE USING legacy_date::date;
