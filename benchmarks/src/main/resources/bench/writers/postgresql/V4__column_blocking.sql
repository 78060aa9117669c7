-- rewrites the table under an ACCESS EXCLUSIVE lock
ALTER TABLE items ALTER COLUMN qty TYPE BIGINT;
