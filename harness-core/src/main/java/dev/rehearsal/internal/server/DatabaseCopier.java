package dev.rehearsal.internal.server;

import dev.rehearsal.Engine;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Copies a database the harness created, schema, rows and history, into a new database of the same server: how a
 * cached state becomes a test's database. One per engine family, each the fastest exact copy measured on it.
 */
interface DatabaseCopier {

    static DatabaseCopier of(Engine engine) {
        return engine == Engine.POSTGRESQL ? new PostgresCopier() : new MysqlFamilyCopier();
    }

    /**
     * Why a database cannot be copied exactly, if it cannot: an object the copier does not carry over. A state whose
     * database cannot be copied is built for each test instead.
     *
     * @param server the server holding it
     * @param source the database to copy
     */
    Optional<String> cannotCopy(JdbcServer server, String source) throws SQLException;

    /**
     * Create {@code target} as an exact copy of {@code source}.
     *
     * @param server the server holding both
     * @param source a database the harness created, with no connection of the harness's open on it
     * @param target the new database's name; not yet on the server
     * @param bound how long to wait for sessions that hold the source, before failing with their names
     * @param owner the clause that makes the run's user own the target where the copier creates it (PostgreSQL's
     *     {@code OWNER "…"}); empty for the admin
     * @throws dev.rehearsal.RehearsalException if the copy fails; nothing of the target is left
     */
    void copy(JdbcServer server, String source, String target, Duration bound, String owner);
}
