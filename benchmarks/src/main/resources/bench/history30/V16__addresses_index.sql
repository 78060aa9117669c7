CREATE INDEX idx_addresses_customer ON addresses (customer_id);
