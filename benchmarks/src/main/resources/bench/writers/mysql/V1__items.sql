CREATE TABLE items (id BIGINT PRIMARY KEY, note VARCHAR(100) NOT NULL, qty INT NOT NULL);
CREATE TABLE digits (d INT PRIMARY KEY);
INSERT INTO digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9);
INSERT INTO items (id, note, qty)
SELECT n, CONCAT('note ', MD5(n)), n % 1000 FROM (
    SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d + 1 AS n
    FROM digits a, digits b, digits c, digits e, digits f, digits g) s
WHERE n <= ${rows};
