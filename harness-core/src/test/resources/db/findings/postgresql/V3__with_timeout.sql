SET lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN placed VARCHAR(40);
