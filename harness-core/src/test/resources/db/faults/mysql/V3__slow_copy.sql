-- one statement that takes a second on the server
CREATE TABLE slow_copy AS SELECT id, SLEEP(1) AS waited FROM orders WHERE id = 1;
