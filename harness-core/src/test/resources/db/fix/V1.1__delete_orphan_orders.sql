DELETE FROM orders WHERE customer_id NOT IN (SELECT id FROM customers);
