CREATE TABLE reviews (
    id         BIGINT PRIMARY KEY,
    product_id BIGINT NOT NULL,
    rating     INT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body       VARCHAR(500)
);
