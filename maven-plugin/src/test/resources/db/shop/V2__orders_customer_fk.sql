-- the founding incident: a foreign key over tables whose rows were never consistent
ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);
