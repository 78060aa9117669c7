package dev.rehearsal.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.DatabaseInfo;
import dev.rehearsal.Engine;
import dev.rehearsal.ProviderKind;
import dev.rehearsal.UnsafeOperationException;
import org.junit.jupiter.api.Test;

class SafetyGuardTest {

    private static DatabaseInfo on(Engine engine, ProviderKind provider) {
        return new DatabaseInfo(engine, provider, "15", "127.0.0.1:5432", "rehearsal_x", "jdbc:x://127.0.0.1/rehearsal_x");
    }

    @Test
    void refuses_what_a_mysqldump_header_would_do_to_another_database() {
        assertThatThrownBy(() -> SafetyGuard.check("/*!40000 DROP DATABASE IF EXISTS `shop`*/", on(Engine.MARIADB, ProviderKind.EMBEDDED)))
                .isInstanceOf(UnsafeOperationException.class)
                .hasMessageContaining("acts on database 'shop'");
        assertThatThrownBy(() -> SafetyGuard.check("DROP /* c */ SCHEMA shop", on(Engine.MYSQL, ProviderKind.CONTAINER)))
                .isInstanceOf(UnsafeOperationException.class);
        assertThatThrownBy(() -> SafetyGuard.check("USE `shop`", on(Engine.MARIADB, ProviderKind.EXISTING)))
                .isInstanceOf(UnsafeOperationException.class);
        assertThatThrownBy(() -> SafetyGuard.check("DROP DATABASE shop", on(Engine.POSTGRESQL, ProviderKind.EMBEDDED)))
                .isInstanceOf(UnsafeOperationException.class);
    }

    @Test
    void lets_statements_on_the_rehearsal_database_through() {
        DatabaseInfo mariadb = on(Engine.MARIADB, ProviderKind.EXISTING);
        assertThatCode(() -> SafetyGuard.check("USE rehearsal_x", mariadb)).doesNotThrowAnyException();
        assertThatCode(() -> SafetyGuard.check("DROP SCHEMA audit CASCADE", on(Engine.POSTGRESQL, ProviderKind.EXISTING)))
                .doesNotThrowAnyException();
        assertThatCode(() -> SafetyGuard.check("DROP TABLE orders", mariadb)).doesNotThrowAnyException();
        assertThatCode(() -> SafetyGuard.check("SET SESSION sql_mode = ''", mariadb)).doesNotThrowAnyException();
        assertThatCode(() -> SafetyGuard.check("SELECT 'kill' AS word", mariadb)).doesNotThrowAnyException();
    }

    @Test
    void refuses_statements_on_the_whole_shared_server_when_it_is_an_existing_one() {
        DatabaseInfo postgres = on(Engine.POSTGRESQL, ProviderKind.EXISTING);
        DatabaseInfo mariadb = on(Engine.MARIADB, ProviderKind.EXISTING);
        assertThatThrownBy(() -> SafetyGuard.check("KILL 42", mariadb))
                .isInstanceOf(UnsafeOperationException.class)
                .hasMessageContaining("'KILL 42': it ends sessions of the server at")
                .hasMessageContaining("which the harness shares and did not create");
        assertThatThrownBy(() -> SafetyGuard.check("select pg_terminate_backend (pid) from pg_stat_activity", postgres))
                .hasMessageContaining("it ends sessions");
        assertThatThrownBy(() -> SafetyGuard.check("DROP ROLE IF EXISTS reporting", postgres))
                .hasMessageContaining("it drops or renames accounts");
        assertThatThrownBy(() -> SafetyGuard.check("DROP USER 'app'@'%'", mariadb))
                .hasMessageContaining("it drops or renames accounts");
        assertThatThrownBy(() -> SafetyGuard.check("ALTER SYSTEM SET work_mem = '1GB'", postgres))
                .hasMessageContaining("it changes the configuration");
        assertThatThrownBy(() -> SafetyGuard.check("-- loosen\nSET GLOBAL sql_mode = ''", mariadb))
                .hasMessageContaining("it changes the configuration");
        assertThatThrownBy(() -> SafetyGuard.check("set @@global.foreign_key_checks = 0", mariadb))
                .hasMessageContaining("it changes the configuration");
        assertThatThrownBy(() -> SafetyGuard.check("/*!50000 SET GLOBAL max_connections = 10 */", mariadb))
                .hasMessageContaining("it changes the configuration");
        assertThatThrownBy(() -> SafetyGuard.check("SET SESSION sql_mode = '', GLOBAL max_connections = 10", mariadb))
                .hasMessageContaining("it changes the configuration");
        assertThatThrownBy(() -> SafetyGuard.check("SHUTDOWN", mariadb)).hasMessageContaining("it ends sessions");
        assertThatThrownBy(() -> SafetyGuard.check("DO $$ BEGIN PERFORM pg_cancel_backend(42); END $$", postgres))
                .hasMessageContaining("it ends sessions");
    }

    @Test
    void objects_of_the_rehearsal_database_that_only_look_server_wide_pass() {
        DatabaseInfo postgres = on(Engine.POSTGRESQL, ProviderKind.EXISTING);
        assertThatCode(() -> SafetyGuard.check("DROP USER MAPPING IF EXISTS FOR CURRENT_USER SERVER archive", postgres))
                .doesNotThrowAnyException();
        // commenting on one runs nothing; defining a function that ends sessions is refused on a shared server, since
        // a later call of it (SELECT stop(4711)) could not be told from any other call
        assertThatThrownBy(() -> SafetyGuard.check("CREATE FUNCTION stop(pid int) RETURNS boolean LANGUAGE sql AS"
                + " $$ SELECT pg_terminate_backend(pid) $$", postgres)).hasMessageContaining("it ends sessions");
        assertThatCode(() -> SafetyGuard.check("COMMENT ON TABLE jobs IS 'never call pg_cancel_backend() here'", postgres))
                .doesNotThrowAnyException();
    }

    @Test
    void lets_server_wide_statements_run_on_a_server_the_harness_started() {
        assertThatCode(() -> SafetyGuard.check("DROP ROLE IF EXISTS reporting", on(Engine.POSTGRESQL, ProviderKind.EMBEDDED)))
                .doesNotThrowAnyException();
        assertThatCode(() -> SafetyGuard.check("SET GLOBAL sql_mode = ''", on(Engine.MARIADB, ProviderKind.CONTAINER)))
                .doesNotThrowAnyException();
    }

    @Test
    void a_drop_behind_a_nested_comment_is_seen_on_postgresql() {
        // PostgreSQL ends this comment at the second */, and runs the DROP after it
        assertThatThrownBy(() -> SafetyGuard.check("/* a /* b */ c */ DROP DATABASE production",
                on(Engine.POSTGRESQL, ProviderKind.EXISTING)))
                .isInstanceOf(UnsafeOperationException.class)
                .hasMessageContaining("acts on database 'PRODUCTION'");
    }

    /**
     * The eight statements that, tried on the machine's servers, acted outside the rehearsal though the guard let them
     * through: each is refused now, wherever in the statement it stands.
     */
    @Test
    void refuses_the_eight_that_reached_outside_the_rehearsal_through_the_text_guard() {
        DatabaseInfo postgres = on(Engine.POSTGRESQL, ProviderKind.EXISTING);
        DatabaseInfo mariadb = on(Engine.MARIADB, ProviderKind.EXISTING);
        assertThatThrownBy(() -> SafetyGuard.check("EXECUTE IMMEDIATE 'DROP DATABASE victim'", mariadb))
                .isInstanceOf(UnsafeOperationException.class).hasMessageContaining("acts on database 'VICTIM'");
        assertThatThrownBy(() -> SafetyGuard.check("PREPARE s FROM 'DROP DATABASE victim'", mariadb))
                .isInstanceOf(UnsafeOperationException.class).hasMessageContaining("acts on database 'VICTIM'");
        assertThatThrownBy(() -> SafetyGuard.check("CREATE PROCEDURE wipe() BEGIN DROP DATABASE victim; END", mariadb))
                .isInstanceOf(UnsafeOperationException.class).hasMessageContaining("acts on database 'VICTIM'");
        assertThatThrownBy(() -> SafetyGuard.check("SET @k = 'KILL 4711'", mariadb))
                .isInstanceOf(UnsafeOperationException.class).hasMessageContaining("it ends sessions");
        assertThatThrownBy(() -> SafetyGuard.check("EXECUTE IMMEDIATE @k", mariadb))
                .isInstanceOf(UnsafeOperationException.class).hasMessageContaining("it runs SQL built at run time");
        assertThatThrownBy(() -> SafetyGuard.check("SELECT dblink_exec('dbname=postgres', 'DROP DATABASE victim')",
                on(Engine.POSTGRESQL, ProviderKind.EMBEDDED)))
                .isInstanceOf(UnsafeOperationException.class).hasMessageContaining("it reaches other databases through dblink");
        assertThatThrownBy(() -> SafetyGuard.check("SELECT \"pg_terminate_backend\"(4711)", postgres))
                .isInstanceOf(UnsafeOperationException.class).hasMessageContaining("it ends sessions");
        assertThatThrownBy(() -> SafetyGuard.check("CREATE TABLE ended AS SELECT pg_catalog.pg_terminate_backend(pid)"
                + " FROM pg_stat_activity", postgres))
                .isInstanceOf(UnsafeOperationException.class).hasMessageContaining("it ends sessions");
        assertThatThrownBy(() -> SafetyGuard.check("COPY (SELECT 1) TO PROGRAM 'touch /tmp/x'",
                on(Engine.POSTGRESQL, ProviderKind.EMBEDDED)))
                .isInstanceOf(UnsafeOperationException.class).hasMessageContaining("runs a program on the server's machine");
    }

    @Test
    void lets_the_same_words_through_where_they_reach_nothing() {
        DatabaseInfo postgres = on(Engine.POSTGRESQL, ProviderKind.EXISTING);
        DatabaseInfo mariadb = on(Engine.MARIADB, ProviderKind.EXISTING);
        assertThatCode(() -> SafetyGuard.check("INSERT INTO notes VALUES ('kill the process', 'a program')", mariadb))
                .doesNotThrowAnyException();
        assertThatCode(() -> SafetyGuard.check("EXECUTE IMMEDIATE 'ALTER TABLE orders ADD COLUMN note TEXT'", mariadb))
                .doesNotThrowAnyException();
        assertThatCode(() -> SafetyGuard.check("PREPARE s FROM 'DROP DATABASE rehearsal_x'", mariadb))
                .doesNotThrowAnyException();
        assertThatCode(() -> SafetyGuard.check("CREATE TABLE programs (id INT, program TEXT)", postgres))
                .doesNotThrowAnyException();
        assertThatCode(() -> SafetyGuard.check("COPY orders TO STDOUT", postgres)).doesNotThrowAnyException();
        assertThatCode(() -> SafetyGuard.check("EXECUTE IMMEDIATE @k", on(Engine.MARIADB, ProviderKind.EMBEDDED)))
                .as("an embedded server belongs to the harness").doesNotThrowAnyException();
        assertThatCode(() -> SafetyGuard.check("ALTER TABLE settings DROP database", postgres))
                .as("a column named database").doesNotThrowAnyException();
        assertThatCode(() -> SafetyGuard.check("ALTER TABLE settings DROP `schema`", mariadb)).doesNotThrowAnyException();
    }

    @Test
    void dynamic_sql_the_server_would_rewrite_or_that_could_act_when_read_is_not_taken_on_trust() {
        DatabaseInfo mariadb = on(Engine.MARIADB, ProviderKind.EXISTING);
        // adjacent literals the server joins, an escape it drops: not one plain literal, so not read as words alone
        assertThatThrownBy(() -> SafetyGuard.check("PREPARE s FROM 'DROP DATA' 'BASE victim'", mariadb))
                .hasMessageContaining("it runs SQL built at run time");
        assertThatThrownBy(() -> SafetyGuard.check("EXECUTE IMMEDIATE 'DROP DATABAS\\E victim'", mariadb))
                .hasMessageContaining("it runs SQL built at run time");
        // a function could act when evaluated: never evaluated, so refused on a shared server
        assertThatThrownBy(() -> SafetyGuard.check("EXECUTE IMMEDIATE build_sql(@x)", mariadb))
                .hasMessageContaining("it runs SQL built at run time");
    }
}
