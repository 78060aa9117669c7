package dev.rehearsal.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalConfigurationException;
import org.junit.jupiter.api.Test;

class SqlTextTest {

    @Test
    void splits_at_semicolons_outside_quotes_comments_and_dollar_quotes() {
        String script = """
                -- a comment; with a semicolon
                INSERT INTO t VALUES ('a;b', 'it''s');
                /* block; comment */ UPDATE t SET x = "weird;name";
                CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;
                """;

        assertThat(SqlText.split(script, Engine.POSTGRESQL)).containsExactly(
                "-- a comment; with a semicolon\nINSERT INTO t VALUES ('a;b', 'it''s')",
                "/* block; comment */ UPDATE t SET x = \"weird;name\"",
                "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql");
    }

    @Test
    void honours_mysql_delimiter_lines_backslash_escapes_and_drops_comment_only_fragments() {
        String script = """
                INSERT INTO t VALUES ('a\\';b'); # hash; comment
                DELIMITER $$
                CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END$$
                DELIMITER ;
                CALL p();
                """;

        assertThat(SqlText.split(script, Engine.MARIADB)).containsExactly(
                "INSERT INTO t VALUES ('a\\';b')",
                "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END",
                "CALL p()");
    }

    @Test
    void knows_the_line_of_each_statements_first_keyword_as_flyway_counts_it() {
        String script = "-- Orders must belong to a customer.\nCREATE INDEX i ON orders (customer_id);\n\n"
                + "/* The constraint itself */\nALTER TABLE orders\n    ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES c (id);\n";

        assertThat(SqlText.splitWithLines(script, Engine.POSTGRESQL)).extracting(SqlText.Located::line).containsExactly(2, 5);
    }

    @Test
    void an_empty_delimiter_is_an_error_not_an_endless_loop() {
        assertThatThrownBy(() -> SqlText.split("DELIMITER   \nSELECT 1;", Engine.MARIADB))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessage("A DELIMITER line names no delimiter: 'DELIMITER'.\nTo fix this, write the new delimiter after"
                        + " it, e.g. DELIMITER $$, and switch back with DELIMITER ;");
    }

    @Test
    void reads_words_inside_mysql_executable_comments_and_skips_comments_between_words() {
        assertThat(SqlText.leadingWords("/*!40000 DROP DATABASE IF EXISTS `shop`*/", 5))
                .containsExactly("DROP", "DATABASE", "IF", "EXISTS", "shop");
        assertThat(SqlText.leadingWords("DROP /* sneaky */ DATABASE -- really\n other", 3))
                .containsExactly("DROP", "DATABASE", "OTHER");
    }

    @Test
    void reads_leading_words_past_comments_and_knows_which_statements_commit_on_mysql() {
        assertThat(SqlText.leadingWords("/* x */ -- y\n  drop database if exists `Shop`", 5))
                .containsExactly("DROP", "DATABASE", "IF", "EXISTS", "Shop");
        assertThat(SqlText.commitsImplicitlyOnMysql("-- c\nALTER TABLE t ADD x INT")).isTrue();
        assertThat(SqlText.commitsImplicitlyOnMysql("CREATE TEMPORARY TABLE t (x INT)")).isFalse();
        assertThat(SqlText.commitsImplicitlyOnMysql("INSERT INTO t VALUES (1)")).isFalse();
        assertThat(SqlText.commitsImplicitlyOnMysql("CALL FixPkIfNeeded('queue', 'queue_name')")).isTrue();
    }

    /** The split must agree with the server, or a statement the guard reads as one runs as two. */
    @Test
    void reads_comments_and_strings_as_each_engine_does() {
        // MySQL: "--" opens a comment only before whitespace; 1--2 is one minus minus two
        assertThat(SqlText.split("SELECT 1--2; DROP DATABASE production", Engine.MARIADB))
                .containsExactly("SELECT 1--2", "DROP DATABASE production");
        assertThat(SqlText.split("SELECT 1 -- a comment; still\nFROM dual; SELECT 2", Engine.MYSQL))
                .containsExactly("SELECT 1 -- a comment; still\nFROM dual", "SELECT 2");
        // PostgreSQL: E'' strings take backslash escapes, standard strings do not
        assertThat(SqlText.split("SELECT E'it\\'s; fine'; SELECT 2", Engine.POSTGRESQL))
                .containsExactly("SELECT E'it\\'s; fine'", "SELECT 2");
        assertThat(SqlText.split("SELECT 'a\\'; SELECT 2", Engine.POSTGRESQL))
                .containsExactly("SELECT 'a\\'", "SELECT 2");
        assertThat(SqlText.split("SELECT name'x'; SELECT 2", Engine.POSTGRESQL)).hasSize(2);
        // PostgreSQL: block comments nest
        assertThat(SqlText.split("/* a /* b; */ c; */ SELECT 1; SELECT 2", Engine.POSTGRESQL))
                .containsExactly("/* a /* b; */ c; */ SELECT 1", "SELECT 2");
        // the MySQL family's do not
        assertThat(SqlText.split("/* a /* b; */ SELECT 1; SELECT 2", Engine.MARIADB))
                .containsExactly("/* a /* b; */ SELECT 1", "SELECT 2");
    }

    @Test
    void leading_words_skip_comments_as_the_engine_does() {
        assertThat(SqlText.leadingWords("/* a /* b */ c */ DROP DATABASE production", 2, Engine.POSTGRESQL))
                .containsExactly("DROP", "DATABASE");
        assertThat(SqlText.leadingWords("--2\nDROP", 3, Engine.MARIADB)).containsExactly("-", "-", "2");
        assertThat(SqlText.leadingWords("-- c\nDROP", 1, Engine.MARIADB)).containsExactly("DROP");
        assertThat(SqlText.leadingWords("# c\nDROP", 1, Engine.MARIADB)).containsExactly("DROP");
        assertThat(SqlText.leadingWords("/*!40000 DROP DATABASE x*/", 2, Engine.MARIADB)).containsExactly("DROP", "DATABASE");
    }

    @Test
    void the_table_of_a_statement_is_read_from_its_words_as_the_engine_reads_them() {
        assertThat(SqlText.tableOf("ALTER TABLE ONLY public.orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES p (id)",
                Engine.POSTGRESQL)).hasValue("orders");
        assertThat(SqlText.tableOf("alter table if exists \"Order Lines\" add column x int", Engine.POSTGRESQL))
                .hasValue("Order Lines");
        assertThat(SqlText.tableOf("/* a /* nested */ comment */ UPDATE \"shop\".\"orders\" SET total = 0",
                Engine.POSTGRESQL)).hasValue("orders");
        assertThat(SqlText.tableOf("UPDATE public.\"Orders\" SET total = 0", Engine.POSTGRESQL)).hasValue("Orders");
        assertThat(SqlText.tableOf("INSERT IGNORE INTO `shop`.`orders` VALUES (1)", Engine.MARIADB)).hasValue("orders");
        assertThat(SqlText.tableOf("# why\nDELETE FROM orders WHERE id < 5", Engine.MARIADB)).hasValue("orders");
        assertThat(SqlText.tableOf("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ux_email ON ONLY customers (email)",
                Engine.POSTGRESQL)).hasValue("customers");
        assertThat(SqlText.tableOf("CREATE INDEX ON customers (email)", Engine.POSTGRESQL)).hasValue("customers");
        assertThat(SqlText.tableOf("TRUNCATE TABLE audit_log", Engine.MARIADB)).hasValue("audit_log");
        assertThat(SqlText.tableOf("DROP TABLE IF EXISTS old_orders", Engine.MARIADB)).hasValue("old_orders");
        assertThat(SqlText.tableOf("SELECT 1", Engine.POSTGRESQL)).isEmpty();
        // on the MySQL family "--2" is not a comment, so nothing here is an UPDATE
        assertThat(SqlText.tableOf("SELECT 1--2\nUPDATE orders SET total = 0", Engine.MARIADB)).isEmpty();
    }

    @Test
    void an_index_created_if_not_exists_is_named_without_its_quotes() {
        assertThat(SqlText.indexCreatedIfNotExists("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"Idx_Email\" ON c (email)",
                Engine.POSTGRESQL)).hasValue("Idx_Email");
        assertThat(SqlText.indexCreatedIfNotExists("create unique index if not exists ux on c (email)", Engine.POSTGRESQL))
                .hasValue("ux");
        assertThat(SqlText.indexCreatedIfNotExists("CREATE INDEX ux ON c (email)", Engine.POSTGRESQL)).isEmpty();
        assertThat(SqlText.indexCreatedIfNotExists("CREATE INDEX IF NOT EXISTS ON c (email)", Engine.POSTGRESQL)).isEmpty();
    }
}
