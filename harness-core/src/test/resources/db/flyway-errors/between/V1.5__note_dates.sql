ALTER TABLE notes ADD COLUMN created_at DATE;
