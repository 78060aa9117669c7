-- copies the table under a lock that lets reads through but not writes (MariaDB 11.2 and later copy online unless
-- told LOCK=SHARED; MySQL and older MariaDB take it by default)
ALTER TABLE items ADD COLUMN extra INT, ALGORITHM=COPY, LOCK=SHARED;
