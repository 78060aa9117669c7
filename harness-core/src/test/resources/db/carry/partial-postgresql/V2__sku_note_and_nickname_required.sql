-- PostgreSQL rolls both statements back when the second fails.
ALTER TABLE products ADD COLUMN sku_note VARCHAR(40);
ALTER TABLE customers ALTER COLUMN nickname SET NOT NULL;
