CREATE INDEX idx_reviews_product ON reviews (product_id);
