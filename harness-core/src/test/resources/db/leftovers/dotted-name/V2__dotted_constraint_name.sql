-- Names with dots: findings keyed "table.name" once split them in the wrong place.
ALTER TABLE "legacy.orders" ADD CONSTRAINT "fk.orders.customer" FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
