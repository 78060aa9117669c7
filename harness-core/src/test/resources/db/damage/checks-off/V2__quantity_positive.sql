-- "Existing rows will be fixed later": the check is added without checking them.
SET SESSION check_constraint_checks = 0;
ALTER TABLE orders ADD CONSTRAINT chk_quantity CHECK (quantity > 0);
SET SESSION check_constraint_checks = 1;
