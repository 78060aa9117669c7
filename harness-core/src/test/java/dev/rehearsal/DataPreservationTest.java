package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.snapshot.DataDiff;
import dev.rehearsal.snapshot.DataMapping;
import dev.rehearsal.snapshot.DataSnapshot;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DataPreservationTest {

    private static final String[] LOCATIONS = {"classpath:db/preserve/common", "classpath:db/preserve/{family}"};


    private static Rehearsal atVersionOneWithData(Scope scope) {
        Rehearsal rehearsal = scope.rehearsal();
        rehearsal.migrateTo("1");
        rehearsal.execute("INSERT INTO customers VALUES (1, 'Ada Lovelace', '555-1', 'ADA@Example.com'),"
                + " (2, 'Grace Hopper', NULL, 'grace@example.com');"
                + "INSERT INTO orders VALUES (10, 1, 9.90), (11, 999, 5.00), (12, 2, 12.49);"
                + "INSERT INTO order_notes VALUES (10, 'gift wrap'), (10, 'leave at door'), (12, 'gift wrap')");
        return rehearsal;
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_step_preserves_the_data_apart_from_what_the_mapping_declares(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, LOCATIONS)) {
            Rehearsal rehearsal = atVersionOneWithData(scope);
            DataSnapshot before = rehearsal.snapshotData();
            assertThat(before.tables()).extracting(DataSnapshot.TableRows::name)
                    .containsExactlyInAnyOrder("customers", "orders", "order_notes");

            assertThat(rehearsal.migrateTo("2")).hasSucceeded();

            assertThat(rehearsal).preservesData(before, DataMapping.unchanged()
                    .renamedColumn("customers", "name", "full_name")
                    .droppedColumn("customers", "fax")
                    .changedColumn("customers", "email")
                    .deletedRows("orders", List.of(11)));
            DataDiff undeclared = before.diff(rehearsal.snapshotData(), DataMapping.unchanged());
            assertThat(undeclared.differences()).extracting(DataDiff.Difference::toString).containsExactly(
                    "customers: column is gone: name",
                    "customers: column is gone: fax",
                    "customers: row id=1 changed: email: ADA@Example.com -> ada@example.com",
                    "orders: row id=11 is gone: {id=11, customer_id=999, total=5}");
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_step_that_changes_more_than_meant_fails_with_the_first_differing_rows(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, LOCATIONS)) {
            Rehearsal rehearsal = atVersionOneWithData(scope);
            rehearsal.migrateTo("2");
            DataSnapshot before = rehearsal.snapshotData("customers", "orders", "order_notes");

            assertThat(rehearsal.migrateTo("3")).as("the step itself reports success").hasSucceeded();

            DataDiff diff = before.diff(rehearsal.snapshotData(), DataMapping.unchanged());
            assertThat(diff.differences()).extracting(DataDiff.Difference::toString).containsExactlyInAnyOrder(
                    "orders: row id=10 changed: total: 9.9 -> 10",
                    "orders: row id=12 changed: total: 12.49 -> 12",
                    "order_notes: row {order_id=10, note=gift wrap} is gone",
                    "order_notes: row {order_id=12, note=gift wrap} is gone");
            assertThatThrownBy(() -> assertThat(rehearsal).preservesData(before))
                    .hasMessageContaining("at version 3 to preserve the data of the snapshot taken at version 2, but:\n"
                            + "  orders: row id=10 changed: total: 9.9 -> 10\n")
                    .hasMessageEndingWith("row counts: customers 2 -> 2, orders 2 -> 2, order_notes 3 -> 1");
            assertThat(rehearsal).preservesData(before, DataMapping.unchanged().changedColumn("orders", "total")
                    .droppedTable("order_notes"));
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void checksums_ignore_row_order_and_see_any_changed_value(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, LOCATIONS)) {
            Rehearsal rehearsal = atVersionOneWithData(scope);
            DataSnapshot first = rehearsal.snapshotData("order_notes");
            rehearsal.execute("DELETE FROM order_notes; INSERT INTO order_notes VALUES (12, 'gift wrap'),"
                    + " (10, 'leave at door'), (10, 'gift wrap')");
            DataSnapshot reordered = rehearsal.snapshotData("order_notes");
            rehearsal.execute("UPDATE order_notes SET note = 'Gift wrap' WHERE order_id = 12");
            DataSnapshot changed = rehearsal.snapshotData("order_notes");

            assertThat(reordered.checksum("ORDER_NOTES")).isEqualTo(first.checksum("order_notes")).hasSize(16);
            assertThat(changed.checksum("order_notes")).isNotEqualTo(first.checksum("order_notes"));
            assertThat(changed.rowCount("order_notes")).isEqualTo(3);
            assertThat(first.diff(changed, DataMapping.unchanged()).report()).isEqualTo(
                    "order_notes: row {order_id=12, note=gift wrap} is gone\n"
                            + "order_notes: row {order_id=12, note=Gift wrap} was added");
        }
    }

    @Test
    void a_mapping_naming_what_the_snapshot_does_not_hold_is_an_error() {
        try (Scope scope = TestDatabases.rehearsal(Engine.POSTGRESQL, LOCATIONS)) {
            Rehearsal rehearsal = atVersionOneWithData(scope);
            DataSnapshot before = rehearsal.snapshotData();
            rehearsal.migrateTo("2");

            assertThatThrownBy(() -> assertThat(rehearsal).preservesData(before, DataMapping.unchanged()
                    .renamedColumn("customers", "nmae", "full_name")))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessage("DataMapping.renamedColumn(\"customers\", \"nmae\", ...): in the snapshot taken at"
                            + " version 1, customers has no column nmae. Its columns: [id, name, fax, email].\n"
                            + "To fix this, name the column as it was before the step.");
            assertThatThrownBy(() -> before.diff(before, DataMapping.unchanged().droppedTable("invoices")))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageStartingWith("DataMapping.droppedTable(\"invoices\"): the snapshot taken at version 1"
                            + " holds no table invoices.");
            assertThatThrownBy(() -> before.diff(before, DataMapping.unchanged().deletedRows("orders", List.of(13))))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessage("DataMapping.deletedRows(\"orders\", ...): no row of orders has id=13 in the snapshot"
                            + " taken at version 1.\nTo fix this, name rows that existed before the step.");
            assertThatThrownBy(() -> before.diff(before, DataMapping.unchanged().deletedRows("order_notes", List.of(10))))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageStartingWith("DataMapping.deletedRows(\"order_notes\", ...): order_notes has no primary"
                            + " key, so its rows cannot be named.");
            assertThatThrownBy(() -> rehearsal.snapshotData("invoices"))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessage("snapshotData(\"invoices\"): " + rehearsal.database().databaseName() + " at version 2"
                            + " has no table invoices. Tables there: [customers, order_notes, orders].\n"
                            + "To fix this, name one of those tables.");
        }
    }

    @Test
    void a_database_the_harness_no_longer_owns_is_not_read() {
        Scope scope = TestDatabases.rehearsal(Engine.MARIADB, LOCATIONS);
        Rehearsal rehearsal = atVersionOneWithData(scope);
        String name = rehearsal.database().databaseName();
        scope.close();

        String expected = "The rehearsal database " + name + " was dropped when its rehearsal was closed (under JUnit,"
                + " when its test ended): a Rehearsal, and the DataSource it gives, serve only until then, and the harness"
                + " touches no database it no longer owns.\nTo fix this, use them inside that test method (do not keep them"
                + " in fields), or before closing the rehearsal.";
        assertThatThrownBy(rehearsal::snapshotData).isInstanceOf(RehearsalException.class).hasMessage(expected);
        assertThatThrownBy(() -> rehearsal.migrateTo("2")).isInstanceOf(RehearsalException.class).hasMessage(expected);
        assertThatThrownBy(() -> rehearsal.dataSource().getConnection())
                .isInstanceOf(java.sql.SQLNonTransientConnectionException.class).hasMessage(expected);
    }

    private static DataSnapshot orders(List<String> columns, List<String> key, List<List<String>> rows) {
        return DataSnapshot.of(Optional.of("1"), List.of(new DataSnapshot.TableRows("orders", columns, key, rows)));
    }

    @Test
    void rows_whose_key_was_declared_changed_are_matched_by_their_other_values() {
        DataSnapshot before = orders(List.of("code", "total"), List.of("code"),
                List.of(List.of("A-1", "5"), List.of("B-2", "7")));
        DataSnapshot after = orders(List.of("code", "total"), List.of("code"),
                List.of(List.of("a-1", "5"), List.of("b-2", "7")));

        assertThat(before.diff(after, DataMapping.unchanged().changedColumn("orders", "code")).isEmpty()).isTrue();
        assertThat(before.diff(after, DataMapping.unchanged()).differences()).extracting(DataDiff.Difference::kind)
                .containsExactly(DataDiff.Kind.ROW_MISSING, DataDiff.Kind.ROW_MISSING, DataDiff.Kind.ROW_ADDED,
                        DataDiff.Kind.ROW_ADDED);
    }

    @Test
    void declared_deletions_hold_when_the_key_is_gone_and_doubled_rows_are_seen() {
        DataSnapshot before = orders(List.of("id", "total"), List.of("id"),
                List.of(List.of("10", "5"), List.of("11", "7"), List.of("12", "9")));
        DataSnapshot keyDropped = DataSnapshot.of(Optional.of("2"), List.of(new DataSnapshot.TableRows("orders",
                List.of("total"), List.of(), List.of(List.of("5"), List.of("9")))));
        DataSnapshot doubled = DataSnapshot.of(Optional.of("2"), List.of(new DataSnapshot.TableRows("orders",
                List.of("id", "total"), List.of(), List.of(List.of("10", "5"), List.of("11", "7"), List.of("12", "9"),
                        List.of("12", "9")))));

        assertThat(before.diff(keyDropped, DataMapping.unchanged().droppedColumn("orders", "id")
                .deletedRows("orders", List.of(11))).isEmpty()).isTrue();
        assertThat(before.diff(doubled, DataMapping.unchanged()).report())
                .isEqualTo("orders: row id=12 (again) was added: {id=12, total=9}");
    }

    @Test
    void an_expected_snapshot_can_be_written_by_hand() {
        DataSnapshot expected = DataSnapshot.of(Optional.of("2"), List.of(new DataSnapshot.TableRows("orders",
                List.of("id", "total"), List.of("id"), List.of(List.of("10", DataSnapshot.text(new java.math.BigDecimal("9.90")))))));
        DataSnapshot found = DataSnapshot.of(Optional.of("2"), List.of(new DataSnapshot.TableRows("orders",
                List.of("id", "total"), List.of("id"), List.of(List.of(DataSnapshot.text(10L), "9.9")))));

        assertThat(expected.diff(found, DataMapping.unchanged()).isEmpty()).isTrue();
        assertThat(DataSnapshot.text(new byte[] {1, (byte) 0xff})).isEqualTo("0x01ff");
        assertThat(DataSnapshot.text(java.sql.Timestamp.valueOf("2024-05-01 10:15:00"))).isEqualTo("2024-05-01T10:15");
        assertThatThrownBy(() -> new DataSnapshot.TableRows("orders", List.of("id"), List.of("code"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("orders: key column code is not one of [id]");
    }
}
