-- one statement that takes a second on the server
CREATE TABLE slow_copy AS SELECT id, pg_sleep(1) IS NULL AS waited FROM orders WHERE id = 1;
