-- a SHARE lock for the whole build: writes to items wait
CREATE INDEX ix_items_note ON items (note);
