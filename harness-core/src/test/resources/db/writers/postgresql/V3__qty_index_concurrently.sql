-- builds beside the writes: they go on
CREATE INDEX CONCURRENTLY ix_items_qty ON items (qty);
