-- statement 3 is where the server freezes
ALTER TABLE orders ADD COLUMN status VARCHAR(20);
ALTER TABLE orders ADD COLUMN placed_at VARCHAR(40);
SELECT SLEEP(30);
