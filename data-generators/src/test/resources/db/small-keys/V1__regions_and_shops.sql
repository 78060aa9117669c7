-- Small key types: a missing parent must still fit the column.
CREATE TABLE regions (id SMALLINT PRIMARY KEY, name VARCHAR(40) NOT NULL);
CREATE TABLE shops (id INT PRIMARY KEY, region_id SMALLINT NOT NULL, code CHAR(3) NOT NULL);
