CREATE INDEX idx_reviews_rating ON reviews (rating);
