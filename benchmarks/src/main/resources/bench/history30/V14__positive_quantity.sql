ALTER TABLE order_lines ADD CONSTRAINT ck_lines_quantity CHECK (quantity > 0);
