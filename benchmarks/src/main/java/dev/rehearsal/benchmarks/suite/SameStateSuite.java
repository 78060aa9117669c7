package dev.rehearsal.benchmarks.suite;

import dev.rehearsal.Engine;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.junit.MigrationRehearsal;
import dev.rehearsal.junit.RehearsalTest;
import dev.rehearsal.junit.SeedData;
import org.junit.jupiter.api.TestReporter;

/**
 * Twenty test classes with the same {@code @SeedData}, as a suite that rehearses one history in many places has: each
 * starts at version 29 with 50,000 rows (7 tables of 7,143) and migrates to 30, on PostgreSQL and MariaDB. The
 * suite benchmark runs them through the JUnit Platform with the cache on and off and reads what each test reports.
 */
public final class SameStateSuite {

    /** What the 20 classes declare and do. */
    @MigrationRehearsal(engines = {Engine.POSTGRESQL, Engine.MARIADB}, locations = "classpath:bench/history30")
    public abstract static class SameState {

        @RehearsalTest
        @SeedData(atVersion = "29", seed = 1, defaultRows = 7_143)
        void migrates_to_30(Rehearsal rehearsal, TestReporter reporter) {
            long start = System.nanoTime();
            StepOutcome v30 = rehearsal.migrateToNext();
            long work = (System.nanoTime() - start) / 1_000_000;
            if (v30.failed()) {
                throw new AssertionError(v30.verdict());
            }
            reporter.publishEntry("engine", rehearsal.engine().name());
            reporter.publishEntry("state", rehearsal.database().state().orElse(""));
            reporter.publishEntry("work", Long.toString(work));
        }
    }

    /** Test class 1 of the suite. */
    public static final class Class01 extends SameState {
    }

    /** Test class 2 of the suite. */
    public static final class Class02 extends SameState {
    }

    /** Test class 3 of the suite. */
    public static final class Class03 extends SameState {
    }

    /** Test class 4 of the suite. */
    public static final class Class04 extends SameState {
    }

    /** Test class 5 of the suite. */
    public static final class Class05 extends SameState {
    }

    /** Test class 6 of the suite. */
    public static final class Class06 extends SameState {
    }

    /** Test class 7 of the suite. */
    public static final class Class07 extends SameState {
    }

    /** Test class 8 of the suite. */
    public static final class Class08 extends SameState {
    }

    /** Test class 9 of the suite. */
    public static final class Class09 extends SameState {
    }

    /** Test class 10 of the suite. */
    public static final class Class10 extends SameState {
    }

    /** Test class 11 of the suite. */
    public static final class Class11 extends SameState {
    }

    /** Test class 12 of the suite. */
    public static final class Class12 extends SameState {
    }

    /** Test class 13 of the suite. */
    public static final class Class13 extends SameState {
    }

    /** Test class 14 of the suite. */
    public static final class Class14 extends SameState {
    }

    /** Test class 15 of the suite. */
    public static final class Class15 extends SameState {
    }

    /** Test class 16 of the suite. */
    public static final class Class16 extends SameState {
    }

    /** Test class 17 of the suite. */
    public static final class Class17 extends SameState {
    }

    /** Test class 18 of the suite. */
    public static final class Class18 extends SameState {
    }

    /** Test class 19 of the suite. */
    public static final class Class19 extends SameState {
    }

    /** Test class 20 of the suite. */
    public static final class Class20 extends SameState {
    }

    private SameStateSuite() {
    }
}
