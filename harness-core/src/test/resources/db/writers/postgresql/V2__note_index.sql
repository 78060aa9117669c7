-- takes a SHARE lock for the whole build: every write to items waits
CREATE INDEX ix_items_note ON items (note);
