ALTER TABLE orders ADD CONSTRAINT chk_orders_json CHECK (JSON_VALID(legacy_json));
