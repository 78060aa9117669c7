CREATE TABLE orders (id BIGINT PRIMARY KEY, note VARCHAR(100));
INSERT INTO orders VALUES (1, 'first'), (2, 'second'), (3, 'third');
