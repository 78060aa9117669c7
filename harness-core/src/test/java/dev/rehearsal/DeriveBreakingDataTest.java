package dev.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.seed.BreakingData;
import dev.rehearsal.seed.DefectKind;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each migration of a history newly requires of existing rows, derived from the schema before and after it on
 * a scratch database: one migration per kind of requirement, on both engine families.
 */
class DeriveBreakingDataTest {

    static String[] locations(Engine engine) {
        return new String[] {"classpath:db/derive/common",
                "classpath:db/derive/" + (engine.isMysqlFamily() ? "mysql" : "postgresql")};
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void every_kind_of_new_requirement_is_derived_with_why(Engine engine) {
        List<String> derived = new ArrayList<>();
        try (Scope scope = TestDatabases.rehearsal(engine, locations(engine))) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            while (!rehearsal.pendingVersions().isEmpty()) {
                BreakingData data = rehearsal.deriveBreakingData();
                assertThat(data.version()).isEqualTo(rehearsal.pendingVersions().get(0));
                data.defects().forEach(d -> derived.add(d.toString()));
                data.notDerivable().forEach(n -> derived.add("not derivable: " + n));
                assertThat(rehearsal.migrateToNext()).matches(StepOutcome::succeeded, "migrates on an empty database");
            }
            assertThat(rehearsal.schema().table("orders").orElseThrow().column("channel")).as("went to the end")
                    .isPresent();
        }
        List<String> expected = new ArrayList<>(List.of(
                "3 orphans in orders.customer_id (of customers): V2 adds fk_orders_customer: orders.customer_id ->"
                        + " customers.id",
                "3 nulls in orders.note: V3 makes orders.note NOT NULL",
                "3 duplicates in customers.email: V4 adds uq_customers_email: UNIQUE customers (email)"));
        if (engine.isMysqlFamily()) {
            expected.add("3 case duplicates in customers.email: V4 adds uq_customers_email: UNIQUE customers (email), and"
                    + " the column's collation compares text without case");
            expected.add("3 whitespace duplicates in customers.email: V4 adds uq_customers_email: UNIQUE customers"
                    + " (email), and the column's collation ignores trailing spaces");
        }
        expected.addAll(List.of(
                "3 too long in customers.name (longer than 20): V5 narrows customers.name to varchar(20) from 100",
                "3 out of range in orders.total (outside numeric(5,2)): V6 narrows orders.total to numeric(5,2)",
                "3 invalid dates in orders.placed_on: V7 changes orders.placed_on to date",
                engine.isMysqlFamily()
                        ? "3 violating check in orders (violating `quantity` > 0): V8 adds ck_orders_quantity: CHECK"
                                + " (`quantity` > 0) on orders"
                        : "3 violating check in orders (violating quantity > 0): V8 adds ck_orders_quantity: CHECK"
                                + " (quantity > 0) on orders",
                "3 outside labels in orders.status (not in [NEW, PAID, SHIPPED]): V9 makes orders.status an enum: it"
                        + " allows only [NEW, PAID, SHIPPED]"));
        if (!engine.isMysqlFamily()) {
            expected.add("3 case duplicates in customers.email: V10 adds the unique index ux_customers_email_lower on"
                    + " customers (email), over lower(email): values equal but for case collide");
            expected.add("not derivable: V11 adds the unique index ux_orders_open_note on orders (note), which is"
                    + " partial: which rows it covers is its predicate's to say, and the catalogue plants duplicates in"
                    + " every row");
            expected.add("not derivable: V13 creates a function (CREATE FUNCTION refuse_negative_totals() RETURNS trigger"
                    + " AS $$): what it refuses is its code's to say, so no defect is derived for it; rehearse it with"
                    + " rows of your own");
        }
        expected.add("not derivable: V13 creates a trigger (CREATE TRIGGER orders_total_positive BEFORE INSERT"
                + (engine.isMysqlFamily() ? " ON orders" : " OR UPDATE ON orders") + "): what it refuses is its code's to"
                + " say, so no defect is derived for it; rehearse it with rows of your own");
        assertThat(derived).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void derived_defects_can_be_filtered_and_planted_as_a_plan(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, locations(engine))) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("3");
            BreakingData unique = rehearsal.deriveBreakingData();
            assertThat(unique.only(d -> d.defect().kind() == DefectKind.DUPLICATES).asDefects())
                    .extracting(Object::toString).containsExactly("3 duplicates in customers.email");
            assertThat(unique.toString()).startsWith("Breaking data for V4__unique_email.sql: ");
            assertThat(rehearsal.currentVersion()).as("the rehearsal database is not touched").hasValue("3");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_migration_that_fails_without_rows_is_not_a_data_problem_and_nothing_pending_is_said(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/syntax")) {
            assertThatThrownBy(() -> scope.rehearsal().deriveBreakingData())
                    .isInstanceOf(RehearsalException.class)
                    .hasMessageStartingWith("deriveBreakingData(): version 1 fails on a database with no rows, so no"
                            + " data causes its failure (SYNTAX): fix the migration itself first.\n")
                    .hasMessageContaining("ALTER TABEL");
        }
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/fk")) {
            scope.rehearsal().migrateToLatest();
            assertThatThrownBy(() -> scope.rehearsal().deriveBreakingData())
                    .isInstanceOf(RehearsalException.class)
                    .hasMessageStartingWith("deriveBreakingData(): no migration is pending in [classpath:db/fk] after"
                            + " version 2, so there is nothing to derive breaking data for.");
        }
    }
}
