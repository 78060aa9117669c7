package dev.rehearsal.seed.spi;

import dev.rehearsal.Engine;
import dev.rehearsal.internal.dialect.Dialect;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.seed.SeedReport;
import javax.sql.DataSource;

/**
 * Fills a rehearsal database according to a {@link SeedPlan}: the plug-in contract behind
 * {@link dev.rehearsal.Rehearsal#seed(SeedPlan)}.
 *
 * <p>{@code rehearsal-data-generators} implements it (realistic rows from Datafaker, defects planted on purpose).
 * The harness finds the implementation through {@link java.util.ServiceLoader}: first on the class loader of the
 * rehearsal's migration settings, then on the harness's own. An implementation has a public no-argument constructor,
 * is listed in {@code META-INF/services/dev.rehearsal.seed.spi.Seeder}, and is safe to call from several threads
 * at once (each call gets its own {@link Target}).
 *
 * @since 0.1
 */
public interface Seeder {

    /**
     * Generate and load the rows of a plan.
     *
     * @param plan what to seed
     * @param target where
     * @return what was seeded
     */
    SeedReport seed(SeedPlan plan, Target target);

    /**
     * Where to seed: the database, its engine and its schema as read just before.
     *
     * <p>Connections from the data source are the rehearsal's own (bounded by its timeouts); close each one used.
     *
     * @param engine the engine
     * @param dataSource connections to the rehearsal database
     * @param schema its tables now
     * @param version the schema version, for the report
     * @param terms the words messages use for what the user wrote
     */
    record Target(Engine engine, DataSource dataSource, Schema schema, String version, SeedTerms terms) {

        /**
         * Quote a table or column name the way the engine reads it ({@code "order"} on PostgreSQL, {@code `order`}
         * on the MySQL family), as the harness quotes it everywhere else.
         *
         * @param identifier the name as the schema gives it; must not be {@code null}
         * @return the quoted name
         */
        public String quote(String identifier) {
            return Dialect.of(engine).quote(identifier);
        }
    }
}
