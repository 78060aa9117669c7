-- Rewritten after the failed attempt: every statement can run again, and the backfill comes before the constraint.
ALTER TABLE customers ADD COLUMN IF NOT EXISTS phone VARCHAR(40);
ALTER TABLE customers ADD COLUMN IF NOT EXISTS preferred_contact VARCHAR(10);
UPDATE customers SET phone = 'unknown' WHERE phone IS NULL;
ALTER TABLE customers ALTER COLUMN phone SET NOT NULL;
