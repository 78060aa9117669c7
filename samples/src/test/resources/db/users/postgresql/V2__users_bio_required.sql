-- The new profile page assumes every user has a bio.
ALTER TABLE users ALTER COLUMN bio SET NOT NULL;
