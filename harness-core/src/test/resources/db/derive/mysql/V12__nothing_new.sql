-- a new column asks nothing of the rows that exist
ALTER TABLE orders ADD COLUMN channel VARCHAR(20);
