ALTER TABLE customers ADD COLUMN phone VARCHAR(40);
ALTER TABLE customers ADD COLUMN preferred_contact VARCHAR(10);
-- The new support tool needs a phone number for everyone.
ALTER TABLE customers ALTER COLUMN phone SET NOT NULL;
