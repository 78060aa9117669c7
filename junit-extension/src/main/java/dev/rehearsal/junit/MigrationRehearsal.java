package dev.rehearsal.junit;

import dev.rehearsal.Engine;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rehearse Flyway migrations in the annotated test class: each test gets a {@link dev.rehearsal.Rehearsal} on a
 * fresh database of its own, created on a real server and dropped when the test ends.
 *
 * <pre>{@code
 * @MigrationRehearsal(engines = {POSTGRESQL, MARIADB}, locations = "classpath:db/migration/{engine}")
 * class OrdersMigrationTest {
 *
 *     @RehearsalTest
 *     void orphanOrdersBreakTheForeignKey(Rehearsal rehearsal) {
 *         rehearsal.migrateTo("2");
 *         rehearsal.execute("insert into orders (id, customer_id) values (1001, 999)");
 *         assertThat(rehearsal.migrateToNext()).hasFailed().isDataDependent();
 *     }
 * }
 * }</pre>
 *
 * <p>Test methods and {@code @BeforeEach}/{@code @AfterEach} methods receive the {@code Rehearsal}, or a
 * {@link javax.sql.DataSource} of the same database marked {@link RehearsalDataSource}, as a parameter. With one engine, plain {@code @Test} methods
 * work; with several, annotate the methods with {@link RehearsalTest} to run each once per engine.
 *
 * <p>Where the server comes from, per engine and in this order: an existing server when
 * {@code rehearsal.<engine>.url} is configured; a Testcontainers container when an image is named in
 * {@link #images()} or {@code rehearsal.<engine>.image}; otherwise the embedded default (PostgreSQL and MariaDB;
 * MySQL has none). One server per engine configuration serves the whole test run. See
 * {@link dev.rehearsal.RehearsalSettings} for every configuration key.
 *
 * <p>Usable as a meta-annotation, and inherited by subclasses and {@code @Nested} classes.
 *
 * @since 0.1
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MigrationRehearsalExtension.class)
public @interface MigrationRehearsal {

    /**
     * The engines to rehearse on. Default PostgreSQL.
     *
     * @return the engines; at least one, each once
     */
    Engine[] engines() default Engine.POSTGRESQL;

    /**
     * The Flyway migration locations. Default {@code classpath:db/migration}, Flyway's own default.
     *
     * <p>{@code {engine}} is replaced by the engine's id ({@code postgresql}, {@code mysql}, {@code mariadb}) and
     * {@code {family}} by {@code postgresql} or {@code mysql}, for projects that keep scripts per engine.
     *
     * @return the locations
     */
    String[] locations() default "classpath:db/migration";

    /**
     * Container images, one per engine in the order of {@link #engines()}, e.g.
     * {@code images = {"postgres:17", "mariadb:11.4"}}. An empty entry keeps that engine's default. Default none:
     * the embedded servers, or the configured ones.
     *
     * @return the images; none, or exactly as many as engines
     */
    String[] images() default {};

    /**
     * Flyway placeholders, each {@code name=value}.
     *
     * @return the placeholders
     */
    String[] placeholders() default {};

    /**
     * The schemas Flyway manages. Default none: the connection's default schema.
     *
     * @return the schemas
     */
    String[] schemas() default {};

    /**
     * The name of Flyway's history table. Default empty: Flyway's default, {@code flyway_schema_history}.
     *
     * @return the table name
     */
    String table() default "";

    /**
     * Whether Flyway takes its PostgreSQL lock inside a transaction. Default {@code true}, Flyway's default.
     * Set {@code false} for migrations with {@code CREATE INDEX CONCURRENTLY}, which otherwise wait on that lock
     * (the harness's lock timeout turns the wait into a failed step rather than a hang).
     *
     * @return whether the lock is transactional
     */
    boolean postgresqlTransactionalLock() default true;

    /**
     * Further Flyway settings, each {@code name=value} with or without the {@code flyway.} prefix, e.g.
     * {@code "outOfOrder=true"}.
     *
     * @return the settings
     */
    String[] flywayProperties() default {};
}
