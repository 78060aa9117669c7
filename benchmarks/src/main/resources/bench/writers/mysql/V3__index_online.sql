-- builds in place beside the writes
ALTER TABLE items ADD INDEX ix_items_qty (qty), ALGORITHM=INPLACE, LOCK=NONE;
