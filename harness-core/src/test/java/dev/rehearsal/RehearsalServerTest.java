package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.support.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The harness without JUnit, through its public types only: a server from settings, rehearsals opened on it and
 * closed, and what a closed server or a bad setting says.
 */
class RehearsalServerTest {

    /** The shared test server of an engine, reached as an existing server, verdicts not printed. */
    private static Map<String, String> settings(Engine engine) {
        Map<String, String> settings = new HashMap<>(TestDatabases.asExistingServer(engine));
        settings.put(RehearsalSettings.REPORT_ENABLED, "false");
        return settings;
    }

    private static ServerRequest request(Engine engine) {
        return ServerRequest.of(engine, RehearsalSettings.of(settings(engine)));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_rehearsal_from_main_migrates_fails_on_orphans_and_drops_its_database(Engine engine) {
        String name;
        try (RehearsalServer server = request(engine).start()) {
            assertThat(server.engine()).isEqualTo(engine);
            assertThat(server.provider()).isEqualTo(ProviderKind.EXISTING);
            try (Rehearsal rehearsal = server.open(Migrations.at("classpath:db/fk"), "from_main")) {
                name = rehearsal.database().databaseName();
                assertThat(name).startsWith("rehearsal_from_main_");
                assertThat(rehearsal.migrateTo("1")).hasSucceeded();
                rehearsal.execute("insert into orders (id, customer_id, total) values (1, 999, 10)");
                assertThat(rehearsal.migrateToNext()).hasFailed().isInScript("V2__orders_customer_fk.sql").isDataDependent();
                assertThat(databaseExists(engine, name)).isTrue();
            }
            assertThat(databaseExists(engine, name)).as("dropped when the rehearsal closed").isFalse();
        }
    }

    @Test
    void closing_the_server_drops_the_rehearsals_still_open_and_then_it_opens_none() {
        RehearsalServer server = request(Engine.POSTGRESQL).start();
        Rehearsal left = server.open(Migrations.at("classpath:db/fk"));
        String name = left.database().databaseName();
        assertThat(databaseExists(Engine.POSTGRESQL, name)).isTrue();

        server.close();
        server.close(); // again: nothing

        assertThat(server.isClosed()).isTrue();
        assertThat(databaseExists(Engine.POSTGRESQL, name)).isFalse();
        assertThatThrownBy(left::currentVersion).isInstanceOf(RehearsalException.class)
                .hasMessageStartingWith("The rehearsal database " + name + " was dropped when its rehearsal was closed");
        assertThatThrownBy(() -> server.open(Migrations.at("classpath:db/fk")))
                .isInstanceOf(RehearsalException.class)
                .hasMessage("The server " + server.describe() + " was closed, so it opens no more rehearsals.\nTo fix"
                        + " this, open rehearsals before closing the server, or start a new one.");
    }

    @Test
    void a_close_while_other_threads_open_rehearsals_refuses_them_as_closed_and_never_stops_the_server_under_them()
            throws Exception {
        Map<String, String> embedded = Map.of(RehearsalSettings.REPORT_ENABLED, "false");
        RehearsalServer server = ServerRequest.of(Engine.POSTGRESQL, RehearsalSettings.of(embedded)).start();
        assertThat(server.provider()).isEqualTo(ProviderKind.EMBEDDED);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        java.util.concurrent.CountDownLatch firstOpened = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Integer>> openers = new java.util.ArrayList<>();
        try {
            for (int t = 0; t < 3; t++) {
                openers.add(pool.submit(() -> {
                    int opened = 0;
                    while (true) {
                        try {
                            server.open(Migrations.at("classpath:db/fk"), "racing");
                            opened++;
                            firstOpened.countDown();
                        } catch (RehearsalException refused) {
                            if (refused.getMessage().startsWith("The server " + server.describe() + " was closed")) {
                                return opened;
                            }
                            throw refused;
                        }
                    }
                }));
            }
            assertThat(firstOpened.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            server.close();
            for (java.util.concurrent.Future<Integer> opener : openers) {
                // each thread ends on the "closed" refusal, none on a driver error from a server stopped under it
                assertThat(opener.get(60, java.util.concurrent.TimeUnit.SECONDS)).isNotNegative();
            }
        } finally {
            pool.shutdownNow();
            server.close();
        }
    }

    @Test
    void a_kept_database_outlives_its_rehearsal_and_the_server() throws SQLException {
        String name;
        String line;
        try (RehearsalServer server = request(Engine.MARIADB).start()) {
            Rehearsal rehearsal = server.open(Migrations.at("classpath:db/fk"), "kept");
            rehearsal.migrateTo("1");
            name = rehearsal.database().databaseName();
            line = rehearsal.keepDatabase();
            Connection opened = rehearsal.dataSource().getConnection();
            rehearsal.close(); // after keeping: closes what was opened since, does not drop
            assertThat(opened.isClosed()).as("a connection opened after keeping").isTrue();
        }
        try {
            assertThat(line).startsWith("Rehearsal kept database " + name + " on MariaDB ");
            assertThat(databaseExists(Engine.MARIADB, name)).isTrue();
        } finally {
            try (Connection c = admin(Engine.MARIADB); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE " + name); // the test's own clean-up of what it asked to keep
            }
        }
    }

    @Test
    void equal_settings_make_equal_requests_and_none_prints_a_password() {
        Map<String, String> withPassword = new HashMap<>(settings(Engine.POSTGRESQL));
        withPassword.put(RehearsalSettings.password(Engine.POSTGRESQL), "s3cret-value");
        ServerRequest one = ServerRequest.of(Engine.POSTGRESQL, RehearsalSettings.of(withPassword));
        ServerRequest same = ServerRequest.of(Engine.POSTGRESQL, RehearsalSettings.of(withPassword));
        ServerRequest container = ServerRequest.of(Engine.POSTGRESQL, RehearsalSettings.of(Map.of()), "postgres:17", "test");
        ServerRequest shorterConnect = ServerRequest.of(Engine.POSTGRESQL, RehearsalSettings.of(Map.of(
                RehearsalSettings.image(Engine.POSTGRESQL), "postgres:17", RehearsalSettings.CONNECT_TIMEOUT, "2s")));

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(container);
        assertThat(one.provider()).isEqualTo(ProviderKind.EXISTING);
        assertThat(container.provider()).isEqualTo(ProviderKind.CONTAINER);
        assertThat(container.image()).contains("postgres:17");
        assertThat(container).as("the connection bounds are part of what is asked for").isNotEqualTo(shorterConnect);
        assertThat(one.toString()).doesNotContain("s3cret-value");
    }

    @Test
    void bad_requests_name_what_to_change() {
        assertThatThrownBy(() -> ServerRequest.of(Engine.MYSQL, RehearsalSettings.of(Map.of())))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("MySQL has no embedded server, and neither rehearsal.mysql.url nor an image is set")
                .as("a caller without JUnit is told its own way to name an image")
                .hasMessageEndingWith("or ServerRequest.of(Engine.MYSQL, settings, \"mysql:8.4\", origin) in code.");
        assertThatThrownBy(() -> ServerRequest.of(Engine.POSTGRESQL, RehearsalSettings.of(Map.of()), " ", "the plugin's <image>"))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessage("the plugin's <image> names a blank image for PostgreSQL.\nTo fix this, name an image, e.g."
                        + " \"postgres:17\", or leave the image out for the default server.");
        assertThatThrownBy(() -> ServerRequest.of(Engine.POSTGRESQL,
                RehearsalSettings.of(Map.of(RehearsalSettings.CONNECT_TIMEOUT, "soon"))))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageStartingWith("rehearsal.timeout.connect = 'soon' is not a duration of 1ms or more.");
        assertThatThrownBy(() -> RehearsalSettings.of(Map.of(RehearsalSettings.REPORT_ENABLED, "maybe"))
                .flag(RehearsalSettings.REPORT_ENABLED, true))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessage("rehearsal.report.enabled = 'maybe' is not a boolean.\nTo fix this, set it to true or false.");
    }

    @Test
    void bad_migration_settings_are_refused_in_the_terms_of_the_call() {
        assertThatThrownBy(Migrations::at).isInstanceOf(RehearsalConfigurationException.class)
                .hasMessage("Migrations.at() names no location.\nTo fix this, name the folders of the migrations, e.g."
                        + " Migrations.at(\"classpath:db/migration\").");
        assertThatThrownBy(() -> Migrations.at("classpath:db/fk").withFlywayProperty("url", "jdbc:postgresql://prod/"))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageStartingWith("Migrations.at(\"classpath:db/fk\"): flywayProperties names flyway.url, which would"
                        + " connect Flyway elsewhere");
        assertThatThrownBy(() -> Migrations.at("classpath:db/fk").withTable(" "))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageStartingWith("Migrations.at(\"classpath:db/fk\"): withTable(\" \") names no table.");
        try (RehearsalServer server = request(Engine.POSTGRESQL).start()) {
            assertThatThrownBy(() -> server.open(Migrations.at("classpath:db/nowhere").describedAs("the plugin's <locations>")))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageStartingWith("the plugin's <locations>: migration location \"classpath:db/nowhere\" does"
                            + " not exist on the classpath.");
        }
        assertThat(Migrations.at("classpath:db/fk").withLocations("classpath:db/other").origin())
                .as("the origin follows the locations").isEqualTo("Migrations.at(\"classpath:db/other\")");
        assertThat(Migrations.at("classpath:db/fk").describedAs("pom.xml").withLocations("classpath:db/other").origin())
                .isEqualTo("pom.xml");
        Migrations secret = Migrations.at("classpath:db/fk").withPlaceholder("password", "s3cret-value");
        assertThat(secret.toString()).contains("password").doesNotContain("s3cret-value");
        assertThat(secret.placeholders()).containsEntry("password", "s3cret-value");
        assertThat(secret).isEqualTo(Migrations.at("classpath:db/fk").withPlaceholder("password", "s3cret-value"));
    }

    private static boolean databaseExists(Engine engine, String name) {
        return TestDatabases.databaseExists(engine, name);
    }

    private static Connection admin(Engine engine) throws SQLException {
        return TestDatabases.admin(engine);
    }
}
