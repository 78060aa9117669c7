-- written for the latest schema: it reads a column V2 adds
CREATE OR REPLACE VIEW item_prices AS SELECT id, price FROM items;
