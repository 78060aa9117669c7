package dev.rehearsal.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a defect refuses at the call that would make it mean something else. */
class DefectTest {

    @Test
    void only_orphans_take_a_parent_table() {
        assertThat(Defect.orphans("shops", "region_id").referencing("regions").parentTable()).contains("regions");
        assertThatThrownBy(() -> Defect.notCastable("orders", "total", "integer").referencing("customers"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("referencing(\"customers\") on ")
                .hasMessageEndingWith(": only orphans have a parent table; NOT_CASTABLE has none.\nTo fix this, remove"
                        + " .referencing(...), or plant Defect.orphans(table, column).referencing(\"customers\").");
        // each kind answers only for its own attribute
        assertThat(Defect.notCastable("orders", "total", "integer").castType()).contains("integer");
        assertThat(Defect.notCastable("orders", "total", "integer").parentTable()).isEmpty();
        assertThat(Defect.orphans("shops", "region_id").referencing("regions").castType()).isEmpty();
    }

    @Test
    void a_kind_whose_clean_values_are_unknown_refuses_only_planted_rows_at_the_call() {
        assertThatThrownBy(() -> Defect.invalidDates("orders", "note").count(2).onlyPlantedRows())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("onlyPlantedRows() on 2 invalid dates in orders.note: the realistic rows of orders.note would"
                        + " have to be valid, and the generator cannot tell what valid means for a free-text column.\n"
                        + "To fix this, give the column valid values with SeedPlan.override(\"orders\", \"note\", ...),"
                        + " and remove .onlyPlantedRows().");
        for (Defect freeText : new Defect[] {Defect.notCastable("t", "c", "integer"), Defect.invalidJson("t", "c"),
                Defect.invalidUuid("t", "c")}) {
            assertThatThrownBy(freeText::onlyPlantedRows).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Defect.tooLong("t", "c", 5).onlyPlantedRows().onlyPlanted()).isTrue();
    }

    @Test
    void only_orphans_bypass_constraints() {
        assertThat(Defect.orphans("orders", "customer_id").bypassingConstraints().bypass()).isTrue();
        assertThatThrownBy(() -> Defect.nulls("orders", "note").bypassingConstraints())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bypassingConstraints() on 1 nulls in orders.note: only orphans meet a constraint that can be"
                        + " switched off while rows are loaded (a foreign key); NULLS meets NOT NULL, UNIQUE, CHECK or the"
                        + " column's type, which hold whatever the load mode.\nTo fix this, remove"
                        + " .bypassingConstraints(), and plant the defect at a version before the constraint exists.");
    }
}
