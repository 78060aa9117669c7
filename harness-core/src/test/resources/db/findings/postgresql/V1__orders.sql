CREATE TABLE orders (id BIGINT PRIMARY KEY, note VARCHAR(100) NOT NULL);
INSERT INTO orders (id, note) SELECT g, md5(g::text) FROM generate_series(1, 20000) g;
