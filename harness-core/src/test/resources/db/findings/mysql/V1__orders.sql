CREATE TABLE orders (id BIGINT PRIMARY KEY, note VARCHAR(100) NOT NULL);
INSERT INTO orders (id, note) VALUES (1, 'a'), (2, 'b'), (3, 'c');
