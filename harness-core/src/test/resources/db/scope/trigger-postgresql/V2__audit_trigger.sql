CREATE FUNCTION forget_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM audit;
    RETURN NEW;
END
$$;
CREATE TRIGGER customers_forget_audit AFTER UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION forget_audit();
