package dev.rehearsal.assertions;

import static java.util.Objects.requireNonNull;

import dev.rehearsal.Engine;
import dev.rehearsal.Failure;

/**
 * An error expected on one engine, for assertions that run across engines: PostgreSQL by SQLSTATE, MySQL and
 * MariaDB by vendor error code.
 *
 * <pre>{@code
 * assertThat(outcome).hasFailed().hasError(onPostgresql("23503"), onMariadb(1452));
 * }</pre>
 *
 * @since 0.1
 */
public final class EngineError {

    private final Engine engine;
    private final String sqlState;
    private final int vendorCode;

    private EngineError(Engine engine, String sqlState, int vendorCode) {
        this.engine = engine;
        this.sqlState = sqlState;
        this.vendorCode = vendorCode;
    }

    /**
     * Expect a SQLSTATE on PostgreSQL.
     *
     * @param sqlState e.g. {@code "23503"}; must not be {@code null}
     * @return the expectation
     */
    public static EngineError onPostgresql(String sqlState) {
        return new EngineError(Engine.POSTGRESQL, requireNonNull(sqlState, "sqlState"), 0);
    }

    /**
     * Expect a vendor error code on MySQL.
     *
     * @param vendorCode e.g. {@code 1452}
     * @return the expectation
     */
    public static EngineError onMysql(int vendorCode) {
        return new EngineError(Engine.MYSQL, null, vendorCode);
    }

    /**
     * Expect a vendor error code on MariaDB.
     *
     * @param vendorCode e.g. {@code 1452}
     * @return the expectation
     */
    public static EngineError onMariadb(int vendorCode) {
        return new EngineError(Engine.MARIADB, null, vendorCode);
    }

    /**
     * Return the engine this expectation is for.
     *
     * @return the engine; never {@code null}
     */
    public Engine engine() {
        return engine;
    }

    boolean matches(Failure failure) {
        if (sqlState != null) {
            return failure.sqlState().filter(sqlState::equals).isPresent();
        }
        return failure.vendorCode().isPresent() && failure.vendorCode().getAsInt() == vendorCode;
    }

    @Override
    public String toString() {
        return sqlState != null ? "SQLSTATE " + sqlState + " on " + engine.displayName()
                : "vendor code " + vendorCode + " on " + engine.displayName();
    }
}
