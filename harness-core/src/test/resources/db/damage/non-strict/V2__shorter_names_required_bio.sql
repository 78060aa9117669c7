-- An old deployment script, written when the servers ran without strict mode.
SET SESSION sql_mode = '';
ALTER TABLE customers MODIFY name VARCHAR(5) NOT NULL;
ALTER TABLE customers MODIFY bio TEXT NOT NULL;
