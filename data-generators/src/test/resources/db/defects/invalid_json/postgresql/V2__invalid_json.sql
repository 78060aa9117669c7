ALTER TABLE orders ALTER COLUMN legacy_json TYPE jsonb USING legacy_json::jsonb;
