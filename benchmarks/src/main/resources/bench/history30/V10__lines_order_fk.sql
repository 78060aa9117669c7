ALTER TABLE order_lines ADD CONSTRAINT fk_lines_order FOREIGN KEY (order_id) REFERENCES orders (id);
