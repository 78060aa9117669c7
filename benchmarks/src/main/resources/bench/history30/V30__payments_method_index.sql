CREATE INDEX idx_payments_method ON payments (method);
