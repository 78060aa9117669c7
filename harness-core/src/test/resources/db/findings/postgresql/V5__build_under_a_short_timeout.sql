SET statement_timeout = '1ms';
CREATE INDEX CONCURRENTLY ix_orders_note ON orders (note);
