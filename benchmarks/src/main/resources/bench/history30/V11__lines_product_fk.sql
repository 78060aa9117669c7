ALTER TABLE order_lines ADD CONSTRAINT fk_lines_product FOREIGN KEY (product_id) REFERENCES products (id);
