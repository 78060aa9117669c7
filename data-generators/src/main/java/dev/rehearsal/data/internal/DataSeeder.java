package dev.rehearsal.data.internal;

import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.seed.spi.Seeder;
import dev.rehearsal.schema.Column;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.schema.Table;
import dev.rehearsal.seed.Defect;
import dev.rehearsal.seed.DefectKind;
import dev.rehearsal.seed.PlantedDefect;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.seed.SeedReport;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fills a rehearsal database according to a plan: checks the plan against the schema, orders the tables, generates
 * and loads each one in a single transaction, and reports what it seeded.
 */
public final class DataSeeder implements Seeder {

    /** Found by {@link java.util.ServiceLoader}. */
    public DataSeeder() {
    }

    @Override
    public SeedReport seed(SeedPlan plan, Target target) {
        return SeedErrors.inTerms(target.terms(), () -> seedInTerms(plan, target));
    }

    private SeedReport seedInTerms(SeedPlan plan, Target target) {
        long start = System.nanoTime();
        Schema schema = target.schema();
        validate(plan, schema);
        List<Table> toFill = schema.tables().stream()
                .filter(t -> !plan.skipped().contains(key(t.name())))
                .filter(t -> plan.rowsFor(t.name()).orElse(plan.defaultRows()) > 0)
                .toList();
        Map<String, List<Relation>> relations = new LinkedHashMap<>();
        for (Table table : schema.tables()) {
            relations.put(key(table.name()), new ArrayList<>(Relation.of(table, schema)));
        }
        addNamedParents(plan, schema, relations);
        TableOrder order = TableOrder.of(toFill, relations);
        Pools pools = Pools.shared();
        Map<String, Long> rowsPerTable = new LinkedHashMap<>();
        List<PlantedDefect> planted = new ArrayList<>();
        try (Connection connection = target.dataSource().getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Loader loader = Loader.of(target, connection);
                KeyStore keys = new KeyStore(connection, loader::quote);
                for (Table table : order.tables()) {
                    int rows = plan.rowsFor(table.name()).orElse(plan.defaultRows());
                    List<Defect> defects = plan.defects().stream()
                            .filter(d -> d.table().equalsIgnoreCase(table.name())).toList();
                    TableGenerator.Result result = new TableGenerator(table, rows, plan, relations.get(key(table.name())),
                            order.dropped(), defects, pools, keys, loader).run();
                    keys.invalidate(table.name());
                    rowsPerTable.put(table.name(), result.rows());
                    planted.addAll(result.planted());
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (TableGenerator.LoadFailure e) {
            throw loadFailed(e, target, plan);
        } catch (SQLException e) {
            throw new RehearsalException("Seeding " + target.engine().displayName() + " failed: " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + ", code " + e.getErrorCode() + "; seed " + plan.seed() + ")", e);
        }
        return new SeedReport(plan.seed(), target.version(), rowsPerTable, planted,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Every table and column the plan names exists, and no override targets a column the engine computes. */
    private static void validate(SeedPlan plan, Schema schema) {
        plan.rows().keySet().forEach(t -> table(schema, t, SeedErrors.terms().rows(t)));
        plan.skipped().forEach(t -> table(schema, t, SeedErrors.terms().skip(t)));
        plan.overrides().forEach((t, columns) -> {
            Table table = table(schema, t, SeedErrors.terms().override(t, "..."));
            columns.forEach((c, values) -> {
                Column column = table.column(c).orElseThrow(() -> SeedErrors.noSuchColumn(
                        SeedErrors.terms().override(t, c), table, c));
                if (column.generation() == Column.Generation.COMPUTED || column.generation() == Column.Generation.ALWAYS) {
                    throw SeedErrors.badOverride(table, column, values, "cannot be inserted: the engine generates this"
                            + " column's values");
                }
                values.choices().forEach(value -> OverrideValues.check(table, column, value));
            });
        });
        plan.nullRates().forEach((t, columns) -> {
            Table table = table(schema, t, "the NULL rate of " + t + "." + String.join(", " + t + ".", columns.keySet()));
            columns.keySet().forEach(c -> table.column(c).orElseThrow(() -> SeedErrors.noSuchColumn(
                    "the NULL rate (or required in practice) of " + t + "." + c, table, c)));
        });
        plan.uniqueInPractice().forEach((t, sets) -> {
            Table table = table(schema, t, "unique in practice " + t + sets);
            sets.forEach(set -> set.forEach(c -> table.column(c).orElseThrow(() -> SeedErrors.noSuchColumn(
                    "unique in practice " + t + "." + c, table, c))));
        });
        for (Defect defect : plan.defects()) {
            Table table = table(schema, defect.table(), SeedErrors.terms().defect(defect));
            for (String column : defect.columns()) {
                table.column(column).orElseThrow(() -> SeedErrors.noSuchColumn(SeedErrors.terms().defect(defect), table, column));
            }
            if (plan.skipped().contains(key(table.name()))) {
                throw SeedErrors.impossibleDefect(defect, "the plan skips " + table.name(), "remove " + SeedErrors.terms().skip(table.name()));
            }
            if (plan.rowsFor(table.name()).orElse(plan.defaultRows()) == 0) {
                throw SeedErrors.impossibleDefect(defect, "the plan seeds no rows into " + table.name(),
                        "give the table rows with " + SeedErrors.terms().giveRows(table.name()));
            }
        }
    }

    /** {@code Defect.orphans(...).referencing(parent)} also tells the realistic rows which table to reference. */
    private static void addNamedParents(SeedPlan plan, Schema schema, Map<String, List<Relation>> relations) {
        for (Defect defect : plan.defects()) {
            if (defect.parentTable().isEmpty()) {
                continue;
            }
            Table table = schema.table(defect.table()).orElseThrow();
            Column column = table.column(defect.columns().get(0)).orElseThrow();
            Table parent = table(schema, defect.parentTable().get(), SeedErrors.terms().defect(defect));
            List<Relation> list = relations.get(key(table.name()));
            boolean covered = list.stream().anyMatch(r -> !r.inferred() && r.columns().size() == 1
                    && r.columns().get(0).equalsIgnoreCase(column.name()));
            if (!covered) {
                list.removeIf(r -> r.columns().size() == 1 && r.columns().get(0).equalsIgnoreCase(column.name()));
                list.add(Relation.named(table, column, parent));
            }
        }
    }

    private static Table table(Schema schema, String name, String where) {
        return schema.table(name).orElseThrow(() -> SeedErrors.noSuchTable(where, name, schema));
    }

    private static RehearsalException loadFailed(TableGenerator.LoadFailure failure, Target target, SeedPlan plan) {
        SQLException sql = (SQLException) failure.getCause();
        SQLException reason = sql instanceof BatchUpdateException && sql.getNextException() != null ? sql.getNextException() : sql;
        String defects = failure.defects.isEmpty() ? ""
                : " The plan plants " + failure.defects.stream().map(Defect::toString).collect(Collectors.joining("; "))
                        + " in it: the schema may refuse them (a unique key with a case-insensitive collation refuses"
                        + " case duplicates, for one).";
        String message = "Loading the seeded rows of " + failure.table.name() + " failed on "
                + target.engine().displayName() + ": " + reason.getMessage() + " (SQLSTATE " + reason.getSQLState()
                + ", code " + reason.getErrorCode() + "; seed " + plan.seed() + ")." + defects
                + "\nTo fix this, override the columns named there with values that satisfy the constraint"
                + " (" + SeedErrors.terms().override(failure.table.name(), "...") + "), or "
                + SeedErrors.terms().skip(failure.table.name()) + ".";
        String state = reason.getSQLState() == null ? "" : reason.getSQLState();
        return state.startsWith("23") || state.startsWith("22") || reason.getErrorCode() == 4025
                ? new RehearsalConfigurationException(message, sql) : new RehearsalException(message, sql);
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
