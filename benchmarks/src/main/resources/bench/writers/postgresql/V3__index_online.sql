-- builds beside the writes
CREATE INDEX CONCURRENTLY ix_items_qty ON items (qty);
