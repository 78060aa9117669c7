package dev.rehearsal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Engine;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.schema.ColumnType.Kind;
import dev.rehearsal.support.Corpus;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaReaderTest {

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void reads_columns_keys_foreign_keys_checks_indexes_and_enums_the_same_way_on_every_engine(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/schema/{family}")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateToLatest();

            Schema schema = rehearsal.schema();

            assertThat(schema.tables()).extracting(Table::name)
                    .containsExactly("categories", "customers", "order_lines", "orders");
            Table customers = schema.table("customers").orElseThrow();
            Column id = customers.column("id").orElseThrow();
            assertThat(id.type().kind()).isEqualTo(Kind.INTEGER);
            assertThat(id.type().maxInteger()).contains(BigInteger.valueOf(Long.MAX_VALUE));
            assertThat(id.generation()).isEqualTo(engine == Engine.POSTGRESQL ? Column.Generation.ALWAYS
                    : Column.Generation.BY_DEFAULT);
            Column email = customers.column("email").orElseThrow();
            assertThat(email.type().kind()).isEqualTo(Kind.STRING);
            assertThat(email.type().length()).hasValue(200);
            assertThat(email.nullable()).isFalse();
            assertThat(customers.column("country").orElseThrow().nullable()).isTrue();
            assertThat(customers.column("created_at").orElseThrow().type().kind()).isEqualTo(Kind.TIMESTAMP);
            assertThat(customers.column("created_at").orElseThrow().defaultValue()).isPresent();
            assertThat(customers.primaryKey()).map(Key::columns).contains(List.of("id"));
            assertThat(customers.uniqueKeys()).extracting(Key::name, Key::columns)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("uq_customers_email", List.of("email")));

            Table orders = schema.table("orders").orElseThrow();
            assertThat(orders.column("status").orElseThrow().type().kind()).isEqualTo(Kind.ENUM);
            assertThat(orders.column("status").orElseThrow().type().labels()).containsExactly("NEW", "PAID", "SHIPPED");
            ColumnType total = orders.column("total").orElseThrow().type();
            assertThat(total.kind()).isEqualTo(Kind.DECIMAL);
            assertThat(total.precision()).hasValue(10);
            assertThat(total.scale()).hasValue(2);
            assertThat(orders.column("quantity").orElseThrow().type().minInteger()).contains(BigInteger.valueOf(-32768));
            assertThat(orders.column("payload").orElseThrow().type().kind()).isEqualTo(Kind.JSON);
            assertThat(orders.column("total_with_tax").orElseThrow().generation()).isEqualTo(Column.Generation.COMPUTED);
            assertThat(orders.foreignKeys()).singleElement().satisfies(fk -> {
                assertThat(fk.name()).isEqualTo("orders_customer_id_fkey");
                assertThat(fk.columns()).containsExactly("customer_id");
                assertThat(fk.referencedTable()).isEqualTo("customers");
                assertThat(fk.referencedColumns()).containsExactly("id");
                assertThat(fk.validated()).isTrue();
            });
            assertThat(orders.checks()).extracting(Check::name).contains("chk_quantity", "chk_total");
            assertThat(orders.checks()).filteredOn(c -> c.name().equals("chk_quantity")).singleElement()
                    .satisfies(c -> assertThat(c.expression()).containsIgnoringCase("quantity").contains("1").contains("100"));
            assertThat(orders.indexes()).filteredOn(i -> i.name().equals("idx_orders_status")).singleElement()
                    .satisfies(i -> {
                        assertThat(i.unique()).isFalse();
                        assertThat(i.columns()).containsExactly("status");
                    });

            Table lines = schema.table("order_lines").orElseThrow();
            assertThat(lines.primaryKey()).map(Key::columns).contains(List.of("order_id", "line_no"));
            assertThat(lines.foreignKeys()).singleElement()
                    .satisfies(fk -> assertThat(fk.deferrable()).isEqualTo(engine == Engine.POSTGRESQL));

            Table categories = schema.table("categories").orElseThrow();
            assertThat(categories.foreignKeys()).singleElement()
                    .satisfies(fk -> assertThat(fk.referencedTable()).isEqualTo("categories"));

            if (engine == Engine.POSTGRESQL) {
                assertThat(orders.column("id").orElseThrow().generation()).isEqualTo(Column.Generation.BY_DEFAULT);
                assertThat(orders.column("tracking").orElseThrow().type().kind()).isEqualTo(Kind.UUID);
                assertThat(customers.indexes()).singleElement().satisfies(i -> {
                    assertThat(i.name()).isEqualTo("uq_customers_email_lower");
                    assertThat(i.unique()).isTrue();
                    assertThat(i.expression()).isTrue();
                    assertThat(i.columns()).containsExactly("email");
                });
                assertThat(customers.uniqueColumnSets()).containsExactly(List.of("id"), List.of("email"));
            }
        }
    }

    @Test
    void every_version_of_the_postgresql_corpus_can_be_read() {
        readEveryVersion(Engine.POSTGRESQL, 21, Corpus.location("conductor-postgres"));
    }

    @Test
    void every_version_of_the_mysql_corpus_can_be_read_on_mariadb() {
        readEveryVersion(Engine.MARIADB, 17, Corpus.location("conductor-mysql"));
    }

    private static void readEveryVersion(Engine engine, int tablesAtTheEnd, String location) {
        try (Scope scope = TestDatabases.rehearsal(engine, s -> s.withPostgresqlTransactionalLock(false), location)) {
            Rehearsal rehearsal = scope.rehearsal();
            for (String version : rehearsal.pendingVersions()) {
                rehearsal.migrateTo(version);
                Schema schema = rehearsal.schema();
                assertThat(schema.table("flyway_schema_history")).as("history table at " + version).isEmpty();
                assertThat(schema.tables()).as("tables at " + version).isNotEmpty()
                        .allSatisfy(t -> assertThat(t.columns()).isNotEmpty());
            }
            assertThat(rehearsal.schema().tables()).hasSize(tablesAtTheEnd);
        }
    }
}
