package dev.rehearsal;

import static dev.rehearsal.assertions.EngineError.onMariadb;
import static dev.rehearsal.assertions.EngineError.onPostgresql;
import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.assertions.EngineError;
import dev.rehearsal.assertions.LeftBehindAssert;
import dev.rehearsal.internal.flyway.MigrationSettings;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every failure kind of the failure catalogue (docs/failure-kinds.md) that applies to an engine (lock contention and a lost
 * connection excepted), rehearsed on that engine: V1 sets the tables up, the data provokes the failure, V2 fails as the
 * catalogue says; the test asserts the verdict and the state left behind, then one roll-forward, and that it
 * converges with a clean run and leaves nothing behind. The silent variants succeed with the damage caught.
 */
class FailureCatalogueTest {

    /** How the rehearsal gets forward. */
    enum Recovery {
        /** Run a data fix, then resume the failed script (a failed row exists) or migrate again (it rolled back). */
        DATA_FIX,
        /** The script was wrong for any data: repair, then migrate with a corrected V2 (never applied anywhere). */
        REWRITE,
        /** The step succeeds: nothing to recover from; a data fix, if given, clears what it left. */
        NONE
    }

    /** One catalogue entry on one engine. */
    record Case(String id, String title, Engine engine, String setup, String data, String change, EngineError error,
            FailureClass failureClass, int statement, boolean nonTransactional, Recovery recovery, String fix,
            String rewrite, Set<DamageKind> damage, String compensation) {

        @Override
        public String toString() {
            return id + " " + title + " on " + engine.displayName();
        }

        Case fails(EngineError engineError, FailureClass kind, int atStatement) {
            return new Case(id, title, engine, setup, data, change, engineError, kind, atStatement, nonTransactional,
                    recovery, fix, rewrite, damage, compensation);
        }

        Case outsideATransaction() {
            return new Case(id, title, engine, setup, data, change, error, failureClass, statement, true, recovery, fix,
                    rewrite, damage, compensation);
        }

        Case fixedBy(String sql) {
            return new Case(id, title, engine, setup, data, change, error, failureClass, statement, nonTransactional,
                    error == null ? Recovery.NONE : Recovery.DATA_FIX, sql, rewrite, damage, compensation);
        }

        Case rewrittenAs(String script) {
            return new Case(id, title, engine, setup, data, change, error, failureClass, statement, nonTransactional,
                    Recovery.REWRITE, fix, script, damage, compensation);
        }

        Case succeedsWithDamage(DamageKind... kinds) {
            return new Case(id, title, engine, setup, data, change, null, null, 0, nonTransactional, Recovery.NONE, fix,
                    rewrite, Set.of(kinds), compensation);
        }

        Case compensatedBy(String script) {
            return new Case(id, title, engine, setup, data, change, error, failureClass, statement, nonTransactional,
                    recovery, fix, rewrite, damage, script);
        }

        Case succeeds() {
            return new Case(id, title, engine, setup, data, change, null, null, 0, nonTransactional, Recovery.NONE, fix,
                    rewrite, Set.of(), compensation);
        }
    }

    private static Case pg(String id, String title, String setup, String data, String change) {
        return new Case(id, title, Engine.POSTGRESQL, setup, data, change, null, null, 0, false, Recovery.NONE, null,
                null, Set.of(), null);
    }

    private static Case maria(String id, String title, String setup, String data, String change) {
        return new Case(id, title, Engine.MARIADB, setup, data, change, null, null, 0, false, Recovery.NONE, null, null,
                Set.of(), null);
    }

    private static final String CUSTOMERS_ORDERS = "CREATE TABLE customers (id BIGINT PRIMARY KEY);\n"
            + "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL);\n";
    private static final String ORPHAN = "INSERT INTO customers VALUES (1); INSERT INTO orders VALUES (10, 1), (11, 999)";
    private static final String ADD_FK = "ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id)"
            + " REFERENCES customers (id);\n";
    private static final String DELETE_ORPHANS = "DELETE FROM orders WHERE customer_id NOT IN (SELECT id FROM customers)";
    private static final String EMAILS = "CREATE TABLE customers (id BIGINT PRIMARY KEY, email VARCHAR(100));\n";

    static Stream<Case> postgresql() {
        return Stream.of(
                pg("1", "orphan rows: ADD FOREIGN KEY", CUSTOMERS_ORDERS, ORPHAN, ADD_FK)
                        .fails(onPostgresql("23503"), FailureClass.DATA_DEPENDENT, 1).fixedBy(DELETE_ORPHANS),
                pg("1-silent", "orphan rows: ADD FOREIGN KEY ... NOT VALID", CUSTOMERS_ORDERS, ORPHAN,
                        ADD_FK.replace(";", " NOT VALID;"))
                        .succeedsWithDamage(DamageKind.NOT_VALID_CONSTRAINT, DamageKind.FOREIGN_KEY_VIOLATED)
                        .fixedBy(DELETE_ORPHANS)
                        .compensatedBy("ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_customer;"),
                pg("2", "NULLs: SET NOT NULL", EMAILS, "INSERT INTO customers VALUES (1, 'a@x'), (2, NULL)",
                        "ALTER TABLE customers ALTER COLUMN email SET NOT NULL;")
                        .fails(onPostgresql("23502"), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("UPDATE customers SET email = 'unknown-' || id WHERE email IS NULL"),
                pg("3", "non-empty table: ADD COLUMN NOT NULL without default", EMAILS,
                        "INSERT INTO customers VALUES (1, 'a@x')",
                        "ALTER TABLE customers ADD COLUMN region VARCHAR(10) NOT NULL;")
                        .fails(onPostgresql("23502"), FailureClass.DATA_DEPENDENT, 1)
                        .rewrittenAs("ALTER TABLE customers ADD COLUMN region VARCHAR(10) NOT NULL DEFAULT 'EU';"),
                pg("4", "duplicates: ADD UNIQUE", EMAILS, "INSERT INTO customers VALUES (1, 'a@x'), (2, 'a@x')",
                        "ALTER TABLE customers ADD CONSTRAINT uq_customers_email UNIQUE (email);")
                        .fails(onPostgresql("23505"), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("DELETE FROM customers WHERE id = 2"),
                pg("4b", "duplicates: CREATE UNIQUE INDEX CONCURRENTLY", EMAILS,
                        "INSERT INTO customers VALUES (1, 'a@x'), (2, 'a@x')",
                        "CREATE UNIQUE INDEX CONCURRENTLY uq_customers_email ON customers (email);")
                        .fails(onPostgresql("23505"), FailureClass.DATA_DEPENDENT, 1).outsideATransaction()
                        .fixedBy("DELETE FROM customers WHERE id = 2; DROP INDEX uq_customers_email"),
                pg("4c", "case duplicates: UNIQUE on lower(email)", EMAILS,
                        "INSERT INTO customers VALUES (1, 'Ada@x'), (2, 'ada@x')",
                        "CREATE UNIQUE INDEX uq_customers_email_ci ON customers (lower(email));")
                        .fails(onPostgresql("23505"), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("DELETE FROM customers WHERE id = 2"),
                pg("4d", "several NULLs: UNIQUE NULLS NOT DISTINCT", EMAILS,
                        "INSERT INTO customers VALUES (1, NULL), (2, NULL)",
                        "ALTER TABLE customers ADD CONSTRAINT uq_customers_email UNIQUE NULLS NOT DISTINCT (email);")
                        .fails(onPostgresql("23505"), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("UPDATE customers SET email = 'unknown-' || id WHERE id = 2"),
                pg("5", "rows violating a predicate: ADD CHECK",
                        "CREATE TABLE order_lines (id BIGINT PRIMARY KEY, quantity INT NOT NULL);",
                        "INSERT INTO order_lines VALUES (1, 2), (2, 0)",
                        "ALTER TABLE order_lines ADD CONSTRAINT chk_quantity CHECK (quantity > 0);")
                        .fails(onPostgresql("23514"), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("UPDATE order_lines SET quantity = 1 WHERE quantity <= 0"),
                pg("6", "overlapping ranges: EXCLUDE USING gist",
                        "CREATE TABLE bookings (id BIGINT PRIMARY KEY, during TSRANGE NOT NULL);",
                        "INSERT INTO bookings VALUES (1, '[2024-01-01 10:00, 2024-01-01 12:00)'),"
                                + " (2, '[2024-01-01 11:00, 2024-01-01 13:00)')",
                        "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&);")
                        .fails(onPostgresql("23P01"), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("DELETE FROM bookings WHERE id = 2"),
                pg("7", "over-long strings: varchar(50) to varchar(20)",
                        "CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(50) NOT NULL);",
                        "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Maria Salomea Sklodowska-Curie')",
                        "ALTER TABLE customers ALTER COLUMN name TYPE VARCHAR(20);")
                        .fails(onPostgresql("22001"), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("UPDATE customers SET name = LEFT(name, 20) WHERE length(name) > 20"),
                pg("8", "out-of-range numbers: numeric(8,2) to numeric(5,2)",
                        "CREATE TABLE orders (id BIGINT PRIMARY KEY, total NUMERIC(8, 2) NOT NULL);",
                        "INSERT INTO orders VALUES (1, 9.90), (2, 123456.78)",
                        "ALTER TABLE orders ALTER COLUMN total TYPE NUMERIC(5, 2);")
                        .fails(onPostgresql("22003"), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("UPDATE orders SET total = 999.99 WHERE total >= 1000"),
                pg("9", "non-numeric text: text to int USING",
                        "CREATE TABLE products (id BIGINT PRIMARY KEY, stock VARCHAR(10));",
                        "INSERT INTO products VALUES (1, '12'), (2, 'abc')",
                        "ALTER TABLE products ALTER COLUMN stock TYPE INT USING stock::integer;")
                        .fails(onPostgresql("22P02"), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("UPDATE products SET stock = '0' WHERE stock !~ '^[0-9]+$'"),
                pg("10", "bad dates: text to date",
                        "CREATE TABLE events (id BIGINT PRIMARY KEY, happened_on VARCHAR(20));",
                        "INSERT INTO events VALUES (1, '2024-05-01'), (2, 'not a date')",
                        "ALTER TABLE events ALTER COLUMN happened_on TYPE DATE USING happened_on::date;")
                        .fails(onPostgresql("22007"), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("UPDATE events SET happened_on = NULL WHERE id = 2"),
                pg("11", "a label not in the new enum",
                        "CREATE TABLE orders (id BIGINT PRIMARY KEY, status VARCHAR(20) NOT NULL);",
                        "INSERT INTO orders VALUES (1, 'NEW'), (2, 'SHIPPED_LEGACY')",
                        "CREATE TYPE order_status AS ENUM ('NEW', 'PAID');\n"
                                + "ALTER TABLE orders ALTER COLUMN status TYPE order_status USING status::order_status;")
                        .fails(onPostgresql("22P02"), FailureClass.DATA_DEPENDENT, 2)
                        .fixedBy("UPDATE orders SET status = 'PAID' WHERE status NOT IN ('NEW', 'PAID')"),
                pg("12", "invalid JSON: text to jsonb",
                        "CREATE TABLE settings (id BIGINT PRIMARY KEY, payload TEXT NOT NULL);",
                        "INSERT INTO settings VALUES (1, '{\"a\": 1}'), (2, '{oops')",
                        "ALTER TABLE settings ALTER COLUMN payload TYPE JSONB USING payload::jsonb;")
                        .fails(onPostgresql("22P02"), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("UPDATE settings SET payload = '{}' WHERE id = 2"),
                pg("13", "rows outside a partition range: ATTACH PARTITION",
                        "CREATE TABLE measurements (id BIGINT NOT NULL, taken_on DATE NOT NULL) PARTITION BY RANGE (taken_on);\n"
                                + "CREATE TABLE measurements_2024 (id BIGINT NOT NULL, taken_on DATE NOT NULL);",
                        "INSERT INTO measurements_2024 VALUES (1, '2024-03-01'), (2, '2025-01-15')",
                        "ALTER TABLE measurements ATTACH PARTITION measurements_2024"
                                + " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');")
                        .fails(onPostgresql("23514"), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("DELETE FROM measurements_2024 WHERE taken_on >= '2025-01-01'"),
                pg("14", "a sequence at its max after a narrowing",
                        "CREATE TABLE tickets (id SERIAL PRIMARY KEY, code VARCHAR(10) NOT NULL);",
                        "INSERT INTO tickets (code) VALUES ('a'), ('b'), ('c')",
                        "ALTER SEQUENCE tickets_id_seq MAXVALUE 3;\nINSERT INTO tickets (code) VALUES ('new');")
                        .fails(onPostgresql("2200H"), FailureClass.DATA_DEPENDENT, 2)
                        .rewrittenAs("ALTER SEQUENCE tickets_id_seq MAXVALUE 2147483647;\n"
                                + "INSERT INTO tickets (code) VALUES ('new');"),
                pg("15", "a backfill whose subquery returns two rows",
                        "CREATE TABLE customers (id BIGINT PRIMARY KEY, email VARCHAR(100), name VARCHAR(50));\n"
                                + "CREATE TABLE orders (id BIGINT PRIMARY KEY, email VARCHAR(100), customer_name VARCHAR(50));",
                        "INSERT INTO customers VALUES (1, 'a@x', 'Ada'), (2, 'a@x', 'Ada L');"
                                + " INSERT INTO orders VALUES (10, 'a@x', NULL)",
                        "UPDATE orders SET customer_name = (SELECT c.name FROM customers c WHERE c.email = orders.email);")
                        .fails(onPostgresql("21000"), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("DELETE FROM customers WHERE id = 2"),
                pg("16", "a foreign key to a column that is not unique",
                        "CREATE TABLE customers (id BIGINT PRIMARY KEY, code VARCHAR(10) NOT NULL);\n"
                                + "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_code VARCHAR(10));", null,
                        "ALTER TABLE orders ADD CONSTRAINT fk_orders_customer_code FOREIGN KEY (customer_code)"
                                + " REFERENCES customers (code);")
                        .fails(onPostgresql("42830"), FailureClass.SCHEMA_DEPENDENT, 1)
                        .rewrittenAs("ALTER TABLE customers ADD CONSTRAINT uq_customers_code UNIQUE (code);\n"
                                + "ALTER TABLE orders ADD CONSTRAINT fk_orders_customer_code FOREIGN KEY (customer_code)"
                                + " REFERENCES customers (code);"),
                pg("17", "a dependent view: DROP COLUMN",
                        "CREATE TABLE customers (id BIGINT PRIMARY KEY, email VARCHAR(100), fax VARCHAR(20));\n"
                                + "CREATE VIEW customer_contacts AS SELECT id, email, fax FROM customers;", null,
                        "ALTER TABLE customers DROP COLUMN fax;")
                        .fails(onPostgresql("2BP01"), FailureClass.SCHEMA_DEPENDENT, 1)
                        .rewrittenAs("DROP VIEW customer_contacts;\nALTER TABLE customers DROP COLUMN fax;\n"
                                + "CREATE VIEW customer_contacts AS SELECT id, email FROM customers;"),
                pg("18", "schema drift: the column was added by hand", EMAILS,
                        "ALTER TABLE customers ADD COLUMN phone VARCHAR(30)",
                        "ALTER TABLE customers ADD COLUMN phone VARCHAR(30);")
                        .fails(onPostgresql("42701"), FailureClass.SCHEMA_DEPENDENT, 1)
                        .rewrittenAs("ALTER TABLE customers ADD COLUMN IF NOT EXISTS phone VARCHAR(30);"),
                pg("19", "a syntax error", EMAILS, null, "ALTER TABEL customers ADD COLUMN phone VARCHAR(30);")
                        .fails(onPostgresql("42601"), FailureClass.SYNTAX, 1)
                        .rewrittenAs("ALTER TABLE customers ADD COLUMN phone VARCHAR(30);"),
                pg("21", "CREATE INDEX CONCURRENTLY where a transaction is open", EMAILS, null,
                        "DO $$ BEGIN EXECUTE 'CREATE INDEX CONCURRENTLY idx_customers_email ON customers (email)'; END $$;")
                        .fails(onPostgresql("25001"), FailureClass.OTHER, 1)
                        .rewrittenAs("CREATE INDEX CONCURRENTLY idx_customers_email ON customers (email);"),
                pg("23", "a multi-statement script failing at its third statement", EMAILS,
                        "INSERT INTO customers VALUES (1, 'a@x'), (2, NULL)",
                        "ALTER TABLE customers ADD COLUMN note VARCHAR(100);\nUPDATE customers SET note = 'checked';\n"
                                + "ALTER TABLE customers ALTER COLUMN email SET NOT NULL;")
                        .fails(onPostgresql("23502"), FailureClass.DATA_DEPENDENT, 3)
                        .fixedBy("UPDATE customers SET email = 'unknown-' || id WHERE email IS NULL"));
    }

    static Stream<Case> mariadb() {
        String customersNames = "CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(50) NOT NULL);";
        return Stream.of(
                maria("1", "orphan rows: ADD FOREIGN KEY", CUSTOMERS_ORDERS, ORPHAN, ADD_FK)
                        .fails(onMariadb(1452), FailureClass.DATA_DEPENDENT, 1).fixedBy(DELETE_ORPHANS),
                maria("1-silent", "orphan rows: ADD FOREIGN KEY with foreign_key_checks=0", CUSTOMERS_ORDERS, ORPHAN,
                        "SET foreign_key_checks = 0;\n" + ADD_FK + "SET foreign_key_checks = 1;")
                        .succeedsWithDamage(DamageKind.FOREIGN_KEY_VIOLATED).fixedBy(DELETE_ORPHANS),
                maria("2", "NULLs: MODIFY NOT NULL", EMAILS, "INSERT INTO customers VALUES (1, 'a@x'), (2, NULL)",
                        "ALTER TABLE customers MODIFY email VARCHAR(100) NOT NULL;")
                        .fails(onMariadb(1265), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("UPDATE customers SET email = CONCAT('unknown-', id) WHERE email IS NULL"),
                maria("2-silent", "NULLs: MODIFY NOT NULL in a non-strict sql_mode", EMAILS,
                        "INSERT INTO customers VALUES (1, 'a@x'), (2, NULL)",
                        "SET SESSION sql_mode = '';\nALTER TABLE customers MODIFY email VARCHAR(100) NOT NULL;")
                        .succeedsWithDamage(DamageKind.WARNINGS),
                maria("3", "non-empty table: ADD COLUMN NOT NULL without default (an implicit '')", EMAILS,
                        "INSERT INTO customers VALUES (1, 'a@x')",
                        "ALTER TABLE customers ADD COLUMN region VARCHAR(10) NOT NULL;")
                        .succeeds(),
                maria("4", "duplicates: ADD UNIQUE", EMAILS, "INSERT INTO customers VALUES (1, 'a@x'), (2, 'a@x')",
                        "ALTER TABLE customers ADD CONSTRAINT uq_customers_email UNIQUE (email);")
                        .fails(onMariadb(1062), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("DELETE FROM customers WHERE id = 2"),
                maria("4c", "case duplicates: a collation change to _ci",
                        "CREATE TABLE customers (id BIGINT PRIMARY KEY,"
                                + " email VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,"
                                + " CONSTRAINT uq_customers_email UNIQUE (email));",
                        "INSERT INTO customers VALUES (1, 'Ada@x'), (2, 'ada@x')",
                        "ALTER TABLE customers MODIFY email VARCHAR(100) CHARACTER SET utf8mb4"
                                + " COLLATE utf8mb4_general_ci NOT NULL;")
                        .fails(onMariadb(1062), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("DELETE FROM customers WHERE id = 2"),
                maria("5", "rows violating a predicate: ADD CHECK",
                        "CREATE TABLE order_lines (id BIGINT PRIMARY KEY, quantity INT NOT NULL);",
                        "INSERT INTO order_lines VALUES (1, 2), (2, 0)",
                        "ALTER TABLE order_lines ADD CONSTRAINT chk_quantity CHECK (quantity > 0);")
                        .fails(onMariadb(4025), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("UPDATE order_lines SET quantity = 1 WHERE quantity <= 0"),
                maria("7", "over-long strings: varchar(50) to varchar(20)", customersNames,
                        "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Maria Salomea Sklodowska-Curie')",
                        "ALTER TABLE customers MODIFY name VARCHAR(20) NOT NULL;")
                        .fails(onMariadb(1265), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("UPDATE customers SET name = LEFT(name, 20) WHERE CHAR_LENGTH(name) > 20"),
                maria("7-silent", "over-long strings truncated in a non-strict sql_mode", customersNames,
                        "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Maria Salomea Sklodowska-Curie')",
                        "SET SESSION sql_mode = '';\nALTER TABLE customers MODIFY name VARCHAR(20) NOT NULL;")
                        .succeedsWithDamage(DamageKind.WARNINGS),
                maria("8", "out-of-range numbers: numeric(8,2) to numeric(5,2)",
                        "CREATE TABLE orders (id BIGINT PRIMARY KEY, total NUMERIC(8, 2) NOT NULL);",
                        "INSERT INTO orders VALUES (1, 9.90), (2, 123456.78)",
                        "ALTER TABLE orders MODIFY total NUMERIC(5, 2) NOT NULL;")
                        .fails(onMariadb(1264), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("UPDATE orders SET total = 999.99 WHERE total >= 1000"),
                maria("9", "non-numeric text: MODIFY to INT",
                        "CREATE TABLE products (id BIGINT PRIMARY KEY, stock VARCHAR(10));",
                        "INSERT INTO products VALUES (1, '12'), (2, 'abc')",
                        "ALTER TABLE products MODIFY stock INT;")
                        .fails(onMariadb(1292), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("UPDATE products SET stock = '0' WHERE stock NOT REGEXP '^[0-9]+$'"),
                maria("10", "bad dates: MODIFY to DATE",
                        "CREATE TABLE events (id BIGINT PRIMARY KEY, happened_on VARCHAR(20));",
                        "INSERT INTO events VALUES (1, '2024-05-01'), (2, 'not a date')",
                        "ALTER TABLE events MODIFY happened_on DATE;")
                        .fails(onMariadb(1292), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("UPDATE events SET happened_on = NULL WHERE id = 2"),
                maria("11", "a used label dropped from an ENUM",
                        "CREATE TABLE orders (id BIGINT PRIMARY KEY, status ENUM('NEW', 'PAID', 'LEGACY') NOT NULL);",
                        "INSERT INTO orders VALUES (1, 'NEW'), (2, 'LEGACY')",
                        "ALTER TABLE orders MODIFY status ENUM('NEW', 'PAID') NOT NULL;")
                        .fails(onMariadb(1265), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("UPDATE orders SET status = 'PAID' WHERE status = 'LEGACY'"),
                maria("12", "invalid JSON: ADD CHECK (JSON_VALID(...))",
                        "CREATE TABLE settings (id BIGINT PRIMARY KEY, payload LONGTEXT NOT NULL);",
                        "INSERT INTO settings VALUES (1, '{\"a\": 1}'), (2, '{oops')",
                        "ALTER TABLE settings ADD CONSTRAINT chk_payload_json CHECK (JSON_VALID(payload));")
                        .fails(onMariadb(4025), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("UPDATE settings SET payload = '{}' WHERE id = 2"),
                maria("13", "rows outside a partition range: PARTITION BY RANGE",
                        "CREATE TABLE measurements (id BIGINT NOT NULL, reading INT NOT NULL, PRIMARY KEY (id, reading));",
                        "INSERT INTO measurements VALUES (1, 5), (2, 50)",
                        "ALTER TABLE measurements PARTITION BY RANGE (reading)"
                                + " (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN (20));")
                        .fails(onMariadb(1526), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("DELETE FROM measurements WHERE reading >= 20"),
                maria("14", "an auto-increment at its max after a narrowing",
                        "CREATE TABLE tickets (id SMALLINT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(10) NOT NULL);",
                        "INSERT INTO tickets VALUES (127, 'a')",
                        "ALTER TABLE tickets MODIFY id TINYINT AUTO_INCREMENT;\nINSERT INTO tickets (code) VALUES ('new');")
                        .fails(onMariadb(167), FailureClass.DATA_DEPENDENT, 2)
                        .rewrittenAs("ALTER TABLE tickets MODIFY id SMALLINT AUTO_INCREMENT;\n"
                                + "INSERT INTO tickets (code) VALUES ('new');"),
                maria("15", "a backfill whose subquery returns two rows",
                        "CREATE TABLE customers (id BIGINT PRIMARY KEY, email VARCHAR(100), name VARCHAR(50));\n"
                                + "CREATE TABLE orders (id BIGINT PRIMARY KEY, email VARCHAR(100), customer_name VARCHAR(50));",
                        "INSERT INTO customers VALUES (1, 'a@x', 'Ada'), (2, 'a@x', 'Ada L');"
                                + " INSERT INTO orders VALUES (10, 'a@x', NULL)",
                        "UPDATE orders SET customer_name = (SELECT c.name FROM customers c WHERE c.email = orders.email);")
                        .fails(onMariadb(1242), FailureClass.DATA_DEPENDENT, 1)
                        .fixedBy("DELETE FROM customers WHERE id = 2"),
                maria("16", "a foreign key to a column without an index",
                        "CREATE TABLE customers (id BIGINT PRIMARY KEY, code VARCHAR(10) NOT NULL);\n"
                                + "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_code VARCHAR(10));", null,
                        "ALTER TABLE orders ADD CONSTRAINT fk_orders_customer_code FOREIGN KEY (customer_code)"
                                + " REFERENCES customers (code);")
                        .fails(onMariadb(1005), FailureClass.SCHEMA_DEPENDENT, 1)
                        .rewrittenAs("ALTER TABLE customers ADD CONSTRAINT uq_customers_code UNIQUE (code);\n"
                                + "ALTER TABLE orders ADD CONSTRAINT fk_orders_customer_code FOREIGN KEY (customer_code)"
                                + " REFERENCES customers (code);"),
                maria("17", "a dependent table: DROP TABLE of a referenced parent",
                        CUSTOMERS_ORDERS + ADD_FK, "INSERT INTO customers VALUES (1); INSERT INTO orders VALUES (10, 1)",
                        "DROP TABLE customers;")
                        .fails(onMariadb(1451), FailureClass.SCHEMA_DEPENDENT, 1)
                        .rewrittenAs("ALTER TABLE orders DROP FOREIGN KEY fk_orders_customer;\nDROP TABLE customers;"),
                maria("18", "schema drift: the column was added by hand", EMAILS,
                        "ALTER TABLE customers ADD COLUMN phone VARCHAR(30)",
                        "ALTER TABLE customers ADD COLUMN phone VARCHAR(30);")
                        .fails(onMariadb(1060), FailureClass.SCHEMA_DEPENDENT, 1)
                        .rewrittenAs("ALTER TABLE customers ADD COLUMN IF NOT EXISTS phone VARCHAR(30);"),
                maria("19", "a syntax error", EMAILS, null, "ALTER TABEL customers ADD COLUMN phone VARCHAR(30);")
                        .fails(onMariadb(1064), FailureClass.SYNTAX, 1)
                        .rewrittenAs("ALTER TABLE customers ADD COLUMN phone VARCHAR(30);"),
                maria("21", "an ALGORITHM=INPLACE the change cannot use",
                        "CREATE TABLE products (id BIGINT PRIMARY KEY, stock VARCHAR(10));",
                        "INSERT INTO products VALUES (1, '12')",
                        "ALTER TABLE products MODIFY stock INT, ALGORITHM=INPLACE;")
                        .fails(onMariadb(1846), FailureClass.OTHER, 1)
                        .rewrittenAs("ALTER TABLE products MODIFY stock INT, ALGORITHM=COPY;"),
                maria("23", "a multi-statement script failing at its third statement", EMAILS,
                        "INSERT INTO customers VALUES (1, 'a@x'), (2, NULL)",
                        "ALTER TABLE customers ADD COLUMN note VARCHAR(100);\nUPDATE customers SET note = 'checked';\n"
                                + "ALTER TABLE customers MODIFY email VARCHAR(100) NOT NULL;")
                        .fails(onMariadb(1265), FailureClass.DATA_DEPENDENT, 3)
                        .fixedBy("UPDATE customers SET email = CONCAT('unknown-', id) WHERE email IS NULL"),
                maria("24", "duplicates: ALTER IGNORE TABLE ... ADD UNIQUE deletes them", EMAILS,
                        "INSERT INTO customers VALUES (1, 'a@x'), (2, 'a@x'), (3, 'b@x')",
                        "ALTER IGNORE TABLE customers ADD CONSTRAINT uq_customers_email UNIQUE (email);")
                        .succeedsWithDamage(DamageKind.ROWS_LOST));
    }

    static Stream<Case> cases() {
        List<Engine> engines = TestDatabases.engines().toList();
        return Stream.concat(postgresql(), mariadb()).filter(c -> engines.contains(c.engine()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void each_failure_kind_fails_as_catalogued_leaves_its_state_and_rolls_forward_to_convergence(Case c,
            @TempDir Path dir) throws IOException {
        Path original = write(dir.resolve("original"), c.setup(), c.change());
        UnaryOperator<MigrationSettings> settings = c.nonTransactional() || c.change().contains("CONCURRENTLY")
                || (c.rewrite() != null && c.rewrite().contains("CONCURRENTLY")) ? s -> s.withPostgresqlTransactionalLock(false) : s -> s;
        try (Scope scope = TestDatabases.rehearsal(c.engine(), settings, "filesystem:" + original)) {
            Rehearsal rehearsal = scope.rehearsal();
            assertThat(rehearsal.migrateTo("1")).hasSucceeded();
            if (c.data() != null) {
                rehearsal.execute(c.data());
            }

            StepOutcome step = rehearsal.migrateTo("2");

            if (c.error() == null) {
                if (c.damage().isEmpty()) {
                    assertThat(step).hasSucceeded().hasReachedVersion("2");
                } else {
                    assertThat(step).hasSucceededWithDamage(c.damage().toArray(DamageKind[]::new));
                }
                Rehearsal compensated = rehearsal;
                if (c.fix() != null) {
                    rehearsal.execute(c.fix());
                }
                if (c.compensation() != null) {
                    Path v3 = dir.resolve("compensation");
                    Files.createDirectories(v3);
                    Files.writeString(v3.resolve("V3__compensate.sql"), c.compensation());
                    compensated = rehearsal.withLocations("filesystem:" + original, "filesystem:" + v3);
                    assertThat(compensated.migrateToLatest()).hasSucceeded().hasReachedVersion("3");
                }
                if (c.fix() != null || c.compensation() != null) {
                    assertThat(compensated).hasNoLeftovers().convergesWithCleanRun();
                }
                return;
            }
            LeftBehindAssert left = assertThat(step).hasFailed().isInScript("V2__change.sql").isAtVersion("2")
                    .isAtStatement(c.statement()).hasError(c.error()).hasFailureClass(c.failureClass()).leftBehind();
            int[] before = IntStream.rangeClosed(1, c.statement() - 1).toArray();
            if (c.engine().isMysqlFamily() || c.nonTransactional()) {
                left.hasStillApplied(before).hasFailedHistoryRow().isAtVersion("1");
            } else {
                left.isRolledBackAtomically().isAtVersion("1");
            }
            assertThat(rehearsal.currentVersion()).contains("1");

            Rehearsal recovered = rehearsal;
            StepOutcome forward;
            if (c.recovery() == Recovery.DATA_FIX) {
                rehearsal.execute(c.fix());
                forward = rehearsal.status().hasFailedMigration() ? rehearsal.resumeFailedMigration()
                        : rehearsal.migrateToNext();
            } else {
                if (rehearsal.status().hasFailedMigration()) {
                    assertThat(rehearsal.repair().removedFailedVersions()).containsExactly("2");
                }
                Path rewritten = write(dir.resolve("rewritten"), c.setup(), c.rewrite());
                recovered = rehearsal.withLocations("filesystem:" + rewritten);
                forward = recovered.migrateToNext();
            }
            assertThat(forward).hasSucceeded().hasReachedVersion("2");
            assertThat(recovered).convergesWithCleanRun().hasNoLeftovers();
            assertThat(recovered.status().hasFailedMigration()).isFalse();
        }
    }

    private static Path write(Path dir, String setup, String change) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("V1__setup.sql"), setup);
        Files.writeString(dir.resolve("V2__change.sql"), change);
        return dir;
    }
}
