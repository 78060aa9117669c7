package dev.rehearsal.internal.flyway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;

/**
 * Which Flyway runs the rehearsals, and which one this build of Rehearsal was tested with. A project's dependency
 * management (Spring Boot's, for one) can put another Flyway on the classpath than the one Rehearsal names.
 */
public final class FlywayVersion {

    private static final String RUNNING = read(Flyway.class.getClassLoader(), "org/flywaydb/core/internal/version.txt", null);
    private static final String TESTED = read(FlywayVersion.class.getClassLoader(), "dev/rehearsal/internal/versions.properties",
            "flyway");
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private FlywayVersion() {
    }

    /** The version of the Flyway on the classpath, e.g. {@code 13.12.0}; {@code unknown} if it does not say. */
    public static String running() {
        return RUNNING;
    }

    /** The version this build of Rehearsal was tested with. */
    public static String tested() {
        return TESTED;
    }

    /**
     * Say once per JVM, through {@code out}, when the Flyway on the classpath is older than the tested one.
     *
     * @param out receives the warning line
     */
    public static void warnIfOlder(Consumer<String> out) {
        if (isOlder(RUNNING, TESTED) && WARNED.compareAndSet(false, true)) {
            out.accept("Rehearsal: WARNING this run uses Flyway " + RUNNING + ", older than Flyway " + TESTED + ", which"
                    + " this Rehearsal was tested with; verdicts may differ. Something in the build chose it (Spring Boot's"
                    + " dependency management does). To fix this, set the Flyway version to " + TESTED + " (with Spring"
                    + " Boot: <flyway.version>" + TESTED + "</flyway.version> in the pom's properties).");
        }
    }

    static boolean isOlder(String version, String than) {
        int[] a = numbers(version);
        int[] b = numbers(than);
        if (a.length == 0 || b.length == 0) {
            return false;
        }
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return x < y;
            }
        }
        return false;
    }

    private static int[] numbers(String version) {
        String leading = version.replaceAll("[^0-9.].*$", "");
        return Arrays.stream(leading.split("\\.")).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    }

    private static String read(ClassLoader loader, String resource, String key) {
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            if (key == null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty(key, "unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
