package dev.rehearsal.internal.seed;

import dev.rehearsal.Engine;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.seed.SeedReport;
import javax.sql.DataSource;

/**
 * Fills a rehearsal database according to a {@link SeedPlan}. Implemented by the data-generators module and found
 * through {@link java.util.ServiceLoader}.
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
     * @param engine the engine
     * @param dataSource connections to the rehearsal database
     * @param schema its tables now
     * @param version the schema version, for the report
     * @param terms the words messages use for what the user wrote
     */
    record Target(Engine engine, DataSource dataSource, Schema schema, String version, SeedTerms terms) {
    }
}
