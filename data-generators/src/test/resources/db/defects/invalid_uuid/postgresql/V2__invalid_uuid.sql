ALTER TABLE orders ALTER COLUMN legacy_uuid TYPE uuid USING legacy_uuid::uuid;
