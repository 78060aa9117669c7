ALTER TABLE customers ADD COLUMN loyalty_points INT DEFAULT 0;
