CREATE TABLE warehouses (code VARCHAR(12) PRIMARY KEY, city VARCHAR(40) NOT NULL);
-- no foreign key yet: the next migration would add it
CREATE TABLE bins (id INT PRIMARY KEY, warehouse_code VARCHAR(12) NOT NULL);
