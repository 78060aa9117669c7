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
}
