-- The new profile page assumes every user has a bio.
ALTER TABLE users MODIFY bio TEXT NOT NULL;
