CREATE TRIGGER customers_forget_audit AFTER UPDATE ON customers FOR EACH ROW DELETE FROM audit;
