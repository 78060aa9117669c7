-- the first step of the expand-and-contract form of the same change: a new nullable column, no rewrite
ALTER TABLE items ADD COLUMN qty_wide BIGINT;
