CREATE TRIGGER orders_total_positive BEFORE INSERT ON orders
FOR EACH ROW
SET NEW.total = GREATEST(NEW.total, 0);
