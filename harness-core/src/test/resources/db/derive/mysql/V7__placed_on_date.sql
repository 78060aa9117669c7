ALTER TABLE orders MODIFY placed_on DATE;
