-- copies the table under a lock that lets reads through but not writes
ALTER TABLE items ADD INDEX ix_items_note (note), ALGORITHM=COPY, LOCK=SHARED;
