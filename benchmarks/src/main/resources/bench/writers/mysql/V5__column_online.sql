-- the first step of the expand-and-contract form of the same change: a new column, instantly
ALTER TABLE items ADD COLUMN qty_wide BIGINT, ALGORITHM=INSTANT;
