package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.internal.jdbc.JdbcUrl;
import dev.rehearsal.support.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Another session holds a lock on a table the next migration alters: the step ends in a LOCK_TIMEOUT verdict that
 * names the session, not in an exception of the harness's own reads around it (they wait briefly, then leave the
 * waiting to the step); once the lock is released the same step succeeds.
 */
class HeldLockTest {

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_table_another_session_locks_gives_a_lock_timeout_verdict_naming_the_session(Engine engine) throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(TestDatabases.asExistingServer(engine));
        settings.put(RehearsalSettings.LOCK_TIMEOUT, "3s");
        settings.put(RehearsalSettings.REPORT_ENABLED, "false");
        try (RehearsalServer server = ServerRequest.of(engine, RehearsalSettings.of(settings)).start();
                Rehearsal rehearsal = server.open(Migrations.at("classpath:db/locks")
                        .withClassLoader(HeldLockTest.class.getClassLoader()), "held_lock")) {
            rehearsal.migrateTo("1");
            rehearsal.execute("INSERT INTO orders VALUES (1, 'kept')");
            try (Connection holder = connect(engine, rehearsal); Statement st = holder.createStatement()) {
                long session = lock(engine, holder, st);

                long start = System.nanoTime();
                StepOutcome v2 = rehearsal.migrateTo("2");
                long took = (System.nanoTime() - start) / 1_000_000;

                assertThat(v2).hasFailed().hasFailureClass(FailureClass.LOCK_TIMEOUT);
                assertThat(v2.failure().orElseThrow().detail()).hasValueSatisfying(d -> assertThat(d)
                        .contains("sessions holding locks in the database: ")
                        .contains((engine == Engine.POSTGRESQL ? "pid " : "session ") + session + " (user "));
                assertThat(v2.verdict()).contains("detail   ").contains("" + session);
                assertThat(took).as("the harness's reads wait briefly, the step the lock timeout (3 s here)")
                        .isLessThan(15_000);
                unlock(engine, holder, st);
            }
            if (engine.isMysqlFamily()) {
                rehearsal.repair(); // Flyway recorded the step as failed there: no transaction around the DDL
            }
            assertThat(rehearsal.migrateTo("2")).hasSucceeded();
            assertThat(rehearsal.queryForLong("SELECT COUNT(*) FROM orders")).isEqualTo(1);
        }
    }

    /** A session of the test's own on the rehearsal's database, with the same credentials. */
    private static Connection connect(Engine engine, Rehearsal rehearsal) throws Exception {
        Map<String, String> admin = TestDatabases.asExistingServer(engine);
        String url = JdbcUrl.parse(admin.get(RehearsalSettings.url(engine)), "test")
                .withDatabase(rehearsal.database().databaseName()).toUrl();
        return DriverManager.getConnection(url, admin.get(RehearsalSettings.username(engine)),
                admin.get(RehearsalSettings.password(engine)));
    }

    private static long lock(Engine engine, Connection holder, Statement st) throws Exception {
        if (engine == Engine.POSTGRESQL) {
            holder.setAutoCommit(false);
            st.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
            try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                return rs.getLong(1);
            }
        }
        st.execute("LOCK TABLES orders WRITE");
        try (ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void unlock(Engine engine, Connection holder, Statement st) throws Exception {
        if (engine == Engine.POSTGRESQL) {
            holder.rollback();
        } else {
            st.execute("UNLOCK TABLES");
        }
    }
}
