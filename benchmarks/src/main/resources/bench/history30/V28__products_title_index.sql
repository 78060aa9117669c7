CREATE INDEX idx_products_title ON products (title);
