-- The first statement stays in effect on the MySQL family when the second fails (DDL commits).
ALTER TABLE products ADD COLUMN sku_note VARCHAR(40);
ALTER TABLE customers MODIFY nickname VARCHAR(50) NOT NULL;
