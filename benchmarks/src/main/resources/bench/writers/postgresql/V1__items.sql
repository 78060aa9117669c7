CREATE TABLE items (id BIGINT PRIMARY KEY, note VARCHAR(100) NOT NULL, qty INT NOT NULL);
INSERT INTO items (id, note, qty) SELECT g, 'note ' || md5(g::text), g % 1000 FROM generate_series(1, ${rows}) g;
