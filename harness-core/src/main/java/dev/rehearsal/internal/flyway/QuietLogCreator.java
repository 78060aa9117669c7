package dev.rehearsal.internal.flyway;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;

/**
 * Flyway's logging for the harness's own Flyway runs: the logging framework Flyway would find by itself, with
 * everything but warnings at debug level. A rehearsal prints one verdict per step, which says what Flyway's info
 * lines say (database, versions, what was applied) and what its error lines say about a failure; at their own
 * levels they would repeat it, once per statement for the harness's statement-recording callback, and print a
 * failure the test expects as an ERROR. Warnings stay warnings.
 *
 * <p>Flyway instantiates this by class name from the configuration's {@code loggers} setting, which applies while
 * the harness's configuration is the one Flyway last set up; the application's own Flyway instances keep their own
 * logging.
 */
public final class QuietLogCreator implements LogCreator {

    /** Flyway's creators by framework, in the order Flyway's own detection tries them. */
    private static final String[][] CREATORS = {
            {"org.slf4j.Logger", "org.flywaydb.core.internal.logging.slf4j.Slf4jLogCreator"},
            {"org.apache.logging.log4j.Logger", "org.flywaydb.core.internal.logging.log4j2.Log4j2LogCreator"},
            {"org.apache.commons.logging.Log", "org.flywaydb.core.internal.logging.apachecommons.ApacheCommonsLogCreator"},
            {"java.util.logging.Logger", "org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator"},
    };

    private final LogCreator delegate;

    /** Flyway's way: by class name, delegating to the framework Flyway itself would detect. */
    public QuietLogCreator() {
        this(detect());
    }

    QuietLogCreator(LogCreator delegate) {
        this.delegate = delegate;
    }

    @Override
    public Log createLogger(Class<?> type) {
        Log log = delegate == null ? null : delegate.createLogger(type);
        return log == null ? Silent.INSTANCE : new Quiet(log);
    }

    private static LogCreator detect() {
        ClassLoader loader = QuietLogCreator.class.getClassLoader();
        for (String[] candidate : CREATORS) {
            try {
                Class.forName(candidate[0], false, loader);
                return (LogCreator) Class.forName(candidate[1], true, loader).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                // that framework, or Flyway's creator for it, is not here: try the next
            }
        }
        return null;
    }

    /** Everything at debug level but warnings. */
    private record Quiet(Log log) implements Log {

        @Override
        public boolean isDebugEnabled() {
            return log.isDebugEnabled();
        }

        @Override
        public void debug(String message) {
            log.debug(message);
        }

        @Override
        public void info(String message) {
            log.debug(message);
        }

        @Override
        public void warn(String message) {
            log.warn(message);
        }

        @Override
        public void error(String message) {
            log.debug(message);
        }

        @Override
        public void error(String message, Exception e) {
            log.debug(message + (e == null ? "" : ": " + e));
        }

        @Override
        public void notice(String message) {
            log.debug(message);
        }
    }

    /** No framework found at all. */
    private enum Silent implements Log {
        INSTANCE;

        @Override
        public void debug(String message) {
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
            System.err.println("WARN: " + message);
        }

        @Override
        public void error(String message) {
        }

        @Override
        public void error(String message, Exception e) {
        }

        @Override
        public void notice(String message) {
        }
    }
}
