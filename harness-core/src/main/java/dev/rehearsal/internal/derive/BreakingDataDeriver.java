package dev.rehearsal.internal.derive;

import dev.rehearsal.Engine;
import dev.rehearsal.internal.jdbc.SqlText;
import dev.rehearsal.schema.Check;
import dev.rehearsal.schema.Column;
import dev.rehearsal.schema.ColumnType;
import dev.rehearsal.schema.ColumnType.Kind;
import dev.rehearsal.schema.ForeignKey;
import dev.rehearsal.schema.Index;
import dev.rehearsal.schema.Key;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.schema.Table;
import dev.rehearsal.seed.BreakingData;
import dev.rehearsal.seed.Defect;
import dev.rehearsal.seed.DerivedDefect;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a migration newly requires of the rows that exist before it, read from the schema before and after it (the
 * engine is the parser), turned into the defects that would break it:
 *
 * <ul>
 *   <li>an added foreign key: orphans in its column;</li>
 *   <li>a column made NOT NULL: NULLs;</li>
 *   <li>an added primary key, unique key or unique index: duplicates, and on the MySQL family, whose default
 *       collations compare text without case and trailing spaces, case and trailing-space variants of a text
 *       column; an expression index on {@code lower(x)} or {@code trim(x)}: those variants;</li>
 *   <li>a narrower varchar: strings too long; a numeric with fewer whole digits: numbers out of range;</li>
 *   <li>text changed to a number, boolean, timestamp, date, UUID or JSON: values that do not cast;</li>
 *   <li>an added CHECK: rows violating it; enum labels removed (or text made an enum): rows using other labels.</li>
 * </ul>
 *
 * Only tables and columns that exist before the migration can hold rows, so only they get defects. What the migration
 * requires that the catalogue cannot break (a foreign key over several columns, a partial unique index) is listed as
 * not derivable, with why.
 */
public final class BreakingDataDeriver {

    /** Rows each derived defect is planted in: a few, so a failure names real rows and not one coincidence. */
    static final int ROWS = 3;

    private final Schema before;
    private final String label;
    private final boolean caselessText;
    private final List<DerivedDefect> defects = new ArrayList<>();
    private final List<String> notDerivable = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    private BreakingDataDeriver(Schema before, String version, Engine engine) {
        this.before = before;
        this.label = "V" + version;
        this.caselessText = engine.isMysqlFamily();
    }

    /**
     * @param before the schema at the version before the migration, as read on a scratch database
     * @param after the schema right after it
     * @param version the migration's version, e.g. {@code "2"}
     * @param script its script, e.g. {@code "V2__orders_customer_fk.sql"}
     * @param statements the statements it ran, for what the schema model does not show (triggers, routines,
     *     exclusion constraints)
     */
    public static BreakingData derive(Schema before, Schema after, String version, String script, List<String> statements) {
        BreakingDataDeriver deriver = new BreakingDataDeriver(before, version, after.engine());
        for (Table table : after.tables()) {
            deriver.before.table(table.name()).ifPresent(old -> deriver.table(old, table));
        }
        statements.forEach(statement -> deriver.statement(statement, after.engine()));
        return new BreakingData(version, script, deriver.defects, deriver.notDerivable);
    }

    private void table(Table old, Table now) {
        for (Column column : now.columns()) {
            old.column(column.name()).ifPresent(was -> column(now, was, column));
        }
        foreignKeys(old, now);
        uniques(old, now);
        checks(old, now);
    }

    // ---- columns: NOT NULL, narrower types, changed types, fewer labels

    private void column(Table table, Column was, Column now) {
        if (was.generation() == Column.Generation.COMPUTED) {
            return; // its values are the engine's, not rows a seed can plant
        }
        String where = table.name() + "." + now.name();
        if (was.nullable() && !now.nullable()) {
            add(Defect.nulls(table.name(), now.name()), "makes " + where + " NOT NULL");
        }
        ColumnType from = was.type();
        ColumnType to = now.type();
        if (from.kind() == Kind.STRING && to.kind() == Kind.STRING) {
            int fromLength = from.length().orElse(Integer.MAX_VALUE);
            if (to.length().isPresent() && to.length().getAsInt() < fromLength) {
                add(Defect.tooLong(table.name(), now.name(), to.length().getAsInt()), "narrows " + where + " to "
                        + to.sqlName() + "(" + to.length().getAsInt() + ")" + (from.length().isPresent()
                        ? " from " + from.length().getAsInt() : ""));
            }
        } else if (from.kind() == Kind.DECIMAL && to.kind() == Kind.DECIMAL && to.precision().isPresent()) {
            int fromWhole = from.precision().isPresent() ? from.precision().getAsInt() - from.scale().orElse(0)
                    : Integer.MAX_VALUE;
            int toWhole = to.precision().getAsInt() - to.scale().orElse(0);
            if (toWhole < fromWhole) {
                add(Defect.outOfRange(table.name(), now.name(), to.precision().getAsInt(), to.scale().orElse(0)),
                        "narrows " + where + " to numeric(" + to.precision().getAsInt() + "," + to.scale().orElse(0) + ")");
            }
        } else if ((from.kind() == Kind.STRING || from.kind() == Kind.ENUM) && to.kind() != from.kind()) {
            castFromText(table, now, to, where);
        }
        if (to.kind() == Kind.ENUM && !to.labels().isEmpty()) {
            boolean narrowed = from.kind() == Kind.ENUM ? !to.labels().containsAll(from.labels()) : from.kind() == Kind.STRING;
            if (narrowed) {
                add(Defect.outsideLabels(table.name(), now.name(), to.labels().toArray(String[]::new)),
                        (from.kind() == Kind.ENUM ? "removes labels of " + where + " (" + removed(from, to) + ")"
                        : "makes " + where + " an enum") + ": it allows only " + to.labels());
            }
        }
    }

    private static List<String> removed(ColumnType from, ColumnType to) {
        return from.labels().stream().filter(l -> !to.labels().contains(l)).toList();
    }

    private void castFromText(Table table, Column now, ColumnType to, String where) {
        String reason = "changes " + where + " to " + to.sqlName();
        switch (to.kind()) {
            case INTEGER -> add(Defect.notCastable(table.name(), now.name(), "integer"), reason);
            case DECIMAL, FLOAT -> add(Defect.notCastable(table.name(), now.name(), "numeric"), reason);
            case BOOLEAN -> add(Defect.notCastable(table.name(), now.name(), "boolean"), reason);
            case TIMESTAMP -> add(Defect.notCastable(table.name(), now.name(), "timestamp"), reason);
            case DATE -> add(Defect.invalidDates(table.name(), now.name()), reason);
            case UUID -> add(Defect.invalidUuid(table.name(), now.name()), reason);
            case JSON -> add(Defect.invalidJson(table.name(), now.name()), reason);
            case ENUM -> { } // the labels, below
            default -> notDerivable.add(label + " " + reason + ": the catalogue has no values that fail that cast");
        }
    }

    // ---- foreign keys

    private void foreignKeys(Table old, Table now) {
        for (ForeignKey fk : now.foreignKeys()) {
            boolean existed = old.foreignKeys().stream().anyMatch(k -> k.name().equalsIgnoreCase(fk.name())
                    || lower(k.columns()).equals(lower(fk.columns())) && k.referencedTable().equalsIgnoreCase(fk.referencedTable()));
            if (existed) {
                continue;
            }
            String what = label + " adds " + fk.name() + ": " + now.name() + "." + String.join(", ", fk.columns()) + " -> "
                    + fk.referencedTable() + "." + String.join(", ", fk.referencedColumns());
            if (fk.columns().size() != 1) {
                notDerivable.add(what + ": the catalogue plants orphans in one column, and this key has "
                        + fk.columns().size());
            } else if (before.table(fk.referencedTable()).isEmpty()) {
                notDerivable.add(what + ": the parent table is created by the same migration, so every existing"
                        + " row with a value breaks it; the realistic rows show it");
            } else if (old.column(fk.columns().get(0)).isPresent()) {
                add(Defect.orphans(now.name(), fk.columns().get(0)).referencing(fk.referencedTable()),
                        what.substring(label.length() + 1));
            }
        }
    }

    // ---- unique keys

    private void uniques(Table old, Table now) {
        Set<List<String>> existing = new LinkedHashSet<>();
        old.uniqueColumnSets().forEach(set -> existing.add(lower(set)));
        now.primaryKey().ifPresent(pk -> unique(old, now, existing, pk.columns(), "adds a primary key on "
                + now.name() + " (" + String.join(", ", pk.columns()) + ")"));
        for (Key key : now.uniqueKeys()) {
            unique(old, now, existing, key.columns(), "adds " + key.name() + ": UNIQUE " + now.name() + " ("
                    + String.join(", ", key.columns()) + ")");
        }
        for (Index index : now.indexes()) {
            if (!index.unique() || old.indexes().stream().anyMatch(i -> i.name().equalsIgnoreCase(index.name()))) {
                continue;
            }
            String what = "adds the unique index " + index.name() + " on " + now.name() + " ("
                    + String.join(", ", index.columns()) + ")";
            if (index.partial()) {
                notDerivable.add(label + " " + what + ", which is partial: which rows it covers is its predicate's"
                        + " to say, and the catalogue plants duplicates in every row");
            } else if (index.expression()) {
                expressionUnique(old, now, index, what);
            } else {
                unique(old, now, existing, index.columns(), what);
            }
        }
    }

    private void unique(Table old, Table now, Set<List<String>> existing, List<String> columns, String what) {
        if (existing.contains(lower(columns)) || !columns.stream().allMatch(c -> old.column(c).isPresent())) {
            return; // already unique before, or over a column the migration adds: no existing row repeats it
        }
        if (columns.stream().anyMatch(c -> old.column(c).get().generation() != Column.Generation.NONE)) {
            return; // a generated key: the engine's values, distinct
        }
        add(Defect.duplicates(now.name(), columns.toArray(String[]::new)), what);
        if (caselessText && columns.size() == 1 && old.column(columns.get(0)).get().type().kind() == Kind.STRING) {
            String column = columns.get(0);
            add(Defect.caseDuplicates(now.name(), column), what + ", and the column's collation compares text"
                    + " without case");
            add(Defect.whitespaceDuplicates(now.name(), column), what + ", and the column's collation ignores"
                    + " trailing spaces");
        }
    }

    private void expressionUnique(Table old, Table now, Index index, String what) {
        String definition = index.definition().toLowerCase(Locale.ROOT);
        if (index.columns().size() != 1 || old.column(index.columns().get(0)).isEmpty()) {
            notDerivable.add(label + " " + what + ", over expressions of " + index.columns().size() + " column(s): "
                    + "the catalogue varies one text column by case or spaces");
            return;
        }
        String column = index.columns().get(0);
        boolean found = false;
        if (definition.contains("lower(") || definition.contains("upper(")) {
            add(Defect.caseDuplicates(now.name(), column), what + ", over " + (definition.contains("lower(")
                    ? "lower" : "upper") + "(" + column + "): values equal but for case collide");
            found = true;
        }
        if (definition.contains("trim(")) {
            add(Defect.whitespaceDuplicates(now.name(), column), what + ", over trim(" + column + "): values equal"
                    + " but for surrounding spaces collide");
            found = true;
        }
        if (!found) {
            notDerivable.add(label + " " + what + " over an expression (" + index.definition() + "): the catalogue"
                    + " varies text by case (lower, upper) or spaces (trim) only");
        }
    }

    // ---- what the model does not show

    private void statement(String sql, Engine engine) {
        List<String> words = SqlText.leadingWords(sql, 12, engine);
        if (words.isEmpty()) {
            return;
        }
        if (words.get(0).equals("CREATE")) {
            for (String word : words.subList(1, words.size())) {
                if (List.of("TABLE", "INDEX", "VIEW", "UNIQUE", "TYPE", "SEQUENCE", "SCHEMA", "EXTENSION").contains(word)) {
                    return;
                }
                if (List.of("TRIGGER", "FUNCTION", "PROCEDURE").contains(word)) {
                    notDerivable.add(label + " creates a " + word.toLowerCase(Locale.ROOT) + " (" + firstLine(sql)
                            + "): what it refuses is its code's to say, so no defect is derived for it; rehearse it with"
                            + " rows of your own");
                    return;
                }
            }
        } else if (words.get(0).equals("ALTER") && words.contains("EXCLUDE")) {
            notDerivable.add(label + " adds an exclusion constraint on " + SqlText.tableOf(sql, engine).orElse("a table")
                    + ": which rows conflict is its operators' to say; the catalogue has no defect for it");
        }
    }

    private static String firstLine(String sql) {
        String line = SqlText.stripLeadingComments(sql).lines().findFirst().orElse("").strip();
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }

    // ---- checks

    private void checks(Table old, Table now) {
        for (Check check : now.checks()) {
            boolean existed = old.checks().stream().anyMatch(c -> c.name().equalsIgnoreCase(check.name())
                    || c.expression().equals(check.expression()));
            if (existed || !check.validated()) {
                continue; // NOT VALID: the existing rows are not checked
            }
            if (check.expression().toLowerCase(Locale.ROOT).contains("json_valid")) {
                continue; // the MySQL family's JSON type, derived from the column's type
            }
            String predicate = unwrap(check.expression());
            add(Defect.violating(now.name(), predicate), "adds " + check.name() + ": CHECK (" + predicate + ") on "
                    + now.name());
        }
    }

    // ----

    private void add(Defect defect, String why) {
        if (seen.add(defect.toString())) {
            defects.add(new DerivedDefect(defect.count(ROWS), label + " " + why));
        }
    }

    /** The expression without the parentheses that wrap all of it, as PostgreSQL prints {@code ((quantity > 0))}. */
    static String unwrap(String expression) {
        String text = expression.strip();
        while (text.startsWith("(") && closingOf(text) == text.length() - 1) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    private static int closingOf(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                i = end < 0 ? text.length() : end;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }
}
