package dev.rehearsal.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a defect refuses at the call that would make it mean something else. */
class DefectTest {

    @Test
    void only_orphans_take_a_parent_table() {
        assertThat(Defect.orphans("shops", "region_id").referencing("regions").target()).contains("regions");
        assertThatThrownBy(() -> Defect.notCastable("orders", "total", "integer").referencing("customers"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("referencing(\"customers\") on ")
                .hasMessageEndingWith(": only orphans have a parent table; NOT_CASTABLE has none.\nTo fix this, remove"
                        + " .referencing(...), or plant Defect.orphans(table, column).referencing(\"customers\").");
        // the cast type was not replaced behind the caller's back
        assertThat(Defect.notCastable("orders", "total", "integer").target()).contains("integer");
    }
}
