INSERT INTO customers (id) VALUES (1);
INSERT INTO orders (id, customer_id) VALUES (10, 1), (11, 999);
