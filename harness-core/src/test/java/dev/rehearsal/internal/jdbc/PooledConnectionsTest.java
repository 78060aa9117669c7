package dev.rehearsal.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.Engine;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A PostgreSQL rehearsal database's connections are kept and reused, and nothing a user of one did to its session
 * reaches the next user: the settings, the open transaction and its locks, prepared statements, advisory locks.
 */
class PooledConnectionsTest {

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long pid(Connection connection) throws SQLException {
        return connection.unwrap(org.postgresql.PGConnection.class).getBackendPID();
    }

    private static long sessions(Scope scope) throws SQLException {
        try (Connection admin = TestDatabases.admin(Engine.POSTGRESQL);
                Statement st = admin.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '"
                        + scope.database().name() + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void a_connection_given_back_is_reused_with_its_session_as_it_started() throws SQLException {
        try (Scope scope = TestDatabases.rehearsal(Engine.POSTGRESQL, "classpath:db/carry/common")) {
            TrackingDataSource dataSource = scope.database().dataSource();
            assertThat(dataSource.isPooled()).isTrue();
            long first;
            String lockTimeout;
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                first = pid(c);
                lockTimeout = show(c, "lock_timeout");
                st.execute("SET session_replication_role = replica");
                st.execute("SET lock_timeout = '123ms'");
                st.execute("SET search_path = pg_catalog");
                st.execute("SELECT pg_advisory_lock(42)");
                st.execute("CREATE TEMPORARY TABLE scratch (id INT)");
                try (PreparedStatement ps = c.prepareStatement("SELECT ?::int + 1")) {
                    for (int i = 0; i < 8; i++) { // past pgjdbc's prepareThreshold: a server-side statement
                        ps.setInt(1, i);
                        ps.executeQuery().close();
                    }
                }
            }
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                assertThat(pid(c)).as("the same server session").isEqualTo(first);
                assertThat(show(c, "session_replication_role")).isEqualTo("origin");
                assertThat(show(c, "lock_timeout")).as("the setting it started with").isEqualTo(lockTimeout);
                assertThat(show(c, "search_path")).isEqualTo("\"$user\", public");
                assertThat(show(c, "application_name")).isEqualTo("rehearsal");
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'"
                        + " AND pid = pg_backend_pid()")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
                try (ResultSet rs = st.executeQuery("SELECT to_regclass('pg_temp.scratch') IS NULL")) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).as("the temporary table is gone").isTrue();
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT ?::int + 1")) {
                    for (int i = 0; i < 8; i++) {
                        ps.setInt(1, i);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            assertThat(rs.getInt(1)).isEqualTo(i + 1);
                        }
                    }
                }
            }
        }
    }

    @Test
    void an_open_transaction_is_rolled_back_and_its_locks_released_when_the_connection_is_given_back()
            throws SQLException {
        try (Scope scope = TestDatabases.rehearsal(Engine.POSTGRESQL, "classpath:db/carry/common")) {
            scope.rehearsal().migrateTo("1");
            TrackingDataSource dataSource = scope.database().dataSource();
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                c.setReadOnly(false);
                st.execute("INSERT INTO products (id, sku) VALUES (1, 'A-1')");
            }
            try (Connection c = dataSource.getConnection(); Connection other = dataSource.getConnection();
                    Statement st = c.createStatement(); Statement alter = other.createStatement()) {
                assertThat(c.getAutoCommit()).isTrue();
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM products")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("rolled back").isZero();
                }
                alter.execute("SET lock_timeout = '1s'");
                alter.execute("ALTER TABLE products ADD COLUMN note TEXT"); // no lock is left to wait for
            }
        }
    }

    @Test
    void a_connection_that_cannot_be_reset_is_closed_and_closing_the_data_source_closes_the_kept_ones()
            throws SQLException {
        try (Scope scope = TestDatabases.rehearsal(Engine.POSTGRESQL, "classpath:db/carry/common")) {
            TrackingDataSource dataSource = scope.database().dataSource();
            long first;
            Connection given;
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                first = pid(c);
                st.execute("BEGIN"); // a transaction opened with SQL, which DISCARD ALL refuses to run in
                given = c;
            }
            assertThat(given.isClosed()).isTrue();
            assertThatThrownBy(given::createStatement).isInstanceOf(SQLException.class)
                    .hasFieldOrPropertyWithValue("SQLState", "08003");
            try (Connection c = dataSource.getConnection()) {
                assertThat(pid(c)).as("a new session").isNotEqualTo(first);
            }
            assertThat(sessions(scope)).as("the one kept").isEqualTo(1);
            assertThat(dataSource.closeOpenConnections()).as("none was in use").isZero();
            assertThat(sessions(scope)).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.MYSQL_FAMILY)
    void the_mysql_family_opens_a_session_per_connection(Engine engine) throws SQLException {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/carry/common")) {
            TrackingDataSource dataSource = scope.database().dataSource();
            assertThat(dataSource.isPooled()).isFalse();
            long first;
            try (Connection c = dataSource.getConnection()) {
                first = c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getId();
            }
            try (Connection c = dataSource.getConnection()) {
                assertThat(c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getId()).isNotEqualTo(first);
            }
        }
    }
}
