package dev.rehearsal.samples.standalone;

import dev.rehearsal.Engine;
import dev.rehearsal.Migrations;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalServer;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.seed.Defect;
import dev.rehearsal.seed.SeedPlan;

/**
 * The founding incident rehearsed from {@code main()}, without JUnit: what a build plugin, a script or another test
 * framework does. The embedded PostgreSQL starts, the orders history migrates to V2, realistic rows and five orphan
 * orders go in, and V3's foreign key fails on them; the verdict says where and why. Closing drops the database and
 * stops the server.
 *
 * <p>Run it with the samples' test class path, e.g. from an IDE, or
 * {@code mvn -pl samples exec:java -Dexec.classpathScope=test -Dexec.mainClass=...IncidentWithoutJUnit}.
 */
public final class IncidentWithoutJUnit {

    private IncidentWithoutJUnit() {
    }

    public static void main(String[] args) {
        System.out.println(rehearse(Engine.POSTGRESQL).verdict());
    }

    /** The rehearsal itself: V3 after orphan orders, on a fresh database of a server of the engine. */
    static StepOutcome rehearse(Engine engine) {
        try (RehearsalServer server = RehearsalServer.start(engine);
                Rehearsal rehearsal = server.open(Migrations.at("classpath:db/migration/{engine}"))) {
            rehearsal.migrateTo("2");
            rehearsal.seed(SeedPlan.withSeed(42).rows("customers", 2000).rows("orders", 8000).rows("order_lines", 20000)
                    .defect(Defect.orphans("orders", "customer_id").count(5)));
            return rehearsal.migrateToNext();
        }
    }
}
