package dev.rehearsal.junit;

import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.support.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * Runs fixture classes through the EngineTestKit against servers shared by this JVM.
 *
 * <p>Each kit execution is a test run of its own, with its own root store; to avoid starting embedded servers for
 * every one, the fixtures get the servers this JVM's tests share ({@link TestDatabases}: embedded by default,
 * configured or container when the build says so) as existing servers.
 */
final class KitServers {

    private KitServers() {
    }

    /** Configuration pointing the fixtures' engines at the shared servers. */
    static Map<String, String> configuration(Engine... engines) {
        Map<String, String> config = new HashMap<>();
        Arrays.stream(engines).forEach(engine -> config.putAll(TestDatabases.asExistingServer(engine)));
        config.put(RehearsalSettings.REPORT_ENABLED, "false");
        return config;
    }

    /** Run a fixture; its failures are printed, so a failing assertion on the results shows why. */
    static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(DiscoverySelectors.selectClass(fixture))
                .configurationParameters(configuration)
                .execute();
        results.allEvents().failed().stream()
                .forEach(event -> event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                        .ifPresent(thrown -> System.err.println("fixture " + event.getTestDescriptor().getDisplayName()
                                + " failed: " + thrown)));
        return results;
    }

    static boolean databaseExists(Engine engine, String name) {
        return TestDatabases.databaseExists(engine, name);
    }

    /** Drop a database a fixture kept on purpose; test code cleaning up after itself. */
    static void dropKept(Engine engine, String name) {
        try (Connection c = admin(engine); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection admin(Engine engine) throws SQLException {
        return TestDatabases.admin(engine);
    }
}
