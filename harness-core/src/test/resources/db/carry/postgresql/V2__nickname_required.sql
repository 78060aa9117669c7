-- Realistic rows leave some nicknames NULL: this fails on them, a true data dependence.
ALTER TABLE customers ALTER COLUMN nickname SET NOT NULL;
