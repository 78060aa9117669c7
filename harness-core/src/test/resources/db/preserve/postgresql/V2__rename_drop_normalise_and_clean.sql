-- Changes on purpose: a rename, a dropped column, a normalisation, a new column, a wider type, orphans deleted.
ALTER TABLE customers RENAME COLUMN name TO full_name;
ALTER TABLE customers DROP COLUMN fax;
UPDATE customers SET email = LOWER(email);
ALTER TABLE orders ADD COLUMN status VARCHAR(10) DEFAULT 'NEW' NOT NULL;
ALTER TABLE orders ALTER COLUMN total TYPE NUMERIC(12, 3);
DELETE FROM orders WHERE customer_id NOT IN (SELECT id FROM customers);
