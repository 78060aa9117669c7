ALTER TABLE orders ALTER COLUMN placed_on TYPE DATE USING placed_on::date;
