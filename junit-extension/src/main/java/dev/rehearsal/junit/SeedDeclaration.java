package dev.rehearsal.junit;

import dev.rehearsal.seed.Defect;
import dev.rehearsal.seed.DefectKind;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.seed.SeededState;
import dev.rehearsal.seed.spi.SeedTerms;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The {@link SeedData} and {@link PlantDefect}s that apply to a test, read and checked: the method's, else its
 * class's (or an enclosing class's).
 *
 * @param atVersion the version to seed at
 * @param plan what to seed
 * @param terms the annotations' words, for the seed's messages
 */
record SeedDeclaration(String atVersion, SeedPlan plan, SeedTerms terms, Optional<Derived> derived) {

    /** The state the test starts from, in the annotations' words. */
    SeededState state() {
        SeededState state = SeededState.at(atVersion, plan).describedBy(terms);
        return derived.map(d -> state.plantingDerivedDefects(d.kinds(), d.table(), d.count())).orElse(state);
    }

    /** What {@link PlantDerivedDefects} asks for, and where it was written. */
    record Derived(Set<DefectKind> kinds, String table, int count, String where) {

        String describe() {
            return "@PlantDerivedDefects(" + (kinds.isEmpty() ? "" : "kinds = " + kinds) + (table.isEmpty() ? ""
                    : (kinds.isEmpty() ? "" : ", ") + "table = \"" + table + "\"") + ") on " + where;
        }
    }

    static Optional<SeedDeclaration> find(Method method, Class<?> testClass) {
        Optional<SeedData> onMethod = AnnotationSupport.findAnnotation(method, SeedData.class);
        if (onMethod.isPresent()) {
            return Optional.of(of(onMethod.get(), method, where(method)));
        }
        if (AnnotationSupport.findAnnotation(method, PlantDerivedDefects.class).isPresent()) {
            throw new ExtensionConfigurationException("@PlantDerivedDefects on " + where(method) + " has no @SeedData next"
                    + " to it to plant into.\nTo fix this, add @SeedData(atVersion = \"...\") to the method: the defects"
                    + " are derived from the migration after that version.");
        }
        if (!AnnotationSupport.findRepeatableAnnotations(method, PlantDefect.class).isEmpty()) {
            throw new ExtensionConfigurationException("@PlantDefect on " + where(method) + " has no @SeedData next to it"
                    + " to plant into.\nTo fix this, add @SeedData(atVersion = \"...\") to the method.");
        }
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<SeedData> onClass = AnnotationSupport.findAnnotation(type, SeedData.class);
            if (onClass.isPresent()) {
                return Optional.of(of(onClass.get(), type, type.getName()));
            }
        }
        return Optional.empty();
    }

    private static SeedDeclaration of(SeedData seed, AnnotatedElement element, String where) {
        if (seed.atVersion().isBlank()) {
            throw new ExtensionConfigurationException("@SeedData(atVersion = \"\") on " + where + " names no version."
                    + "\nTo fix this, name the version to seed at, e.g. atVersion = \"2\".");
        }
        SeedPlan plan = SeedPlan.withSeed(seed.seed()).defaultRows(nonNegative(seed.defaultRows(), "defaultRows", where));
        Map<String, String> named = new LinkedHashMap<>();
        for (String entry : seed.rows()) {
            int eq = entry.indexOf('=');
            String table = eq < 0 ? "" : entry.substring(0, eq).strip();
            String amount = eq < 0 ? "" : entry.substring(eq + 1).strip();
            if (table.isEmpty() || !amount.matches("\\d+")) {
                throw new ExtensionConfigurationException("@SeedData(rows = \"" + entry + "\") on " + where + " is not a"
                        + " table=count pair.\nTo fix this, write it like \"orders=8000\".");
            }
            int count;
            try {
                count = Integer.parseInt(amount);
            } catch (NumberFormatException e) {
                throw new ExtensionConfigurationException("@SeedData(rows = \"" + entry + "\") on " + where + " asks for"
                        + " more rows than a seed loads (" + Integer.MAX_VALUE + " at most).\nTo fix this, give a"
                        + " smaller count.");
            }
            String earlier = named.put(table.toLowerCase(Locale.ROOT), entry);
            if (earlier != null) {
                throw new ExtensionConfigurationException("@SeedData(rows) on " + where + " names " + table + " twice: \""
                        + earlier + "\" and \"" + entry + "\".\nTo fix this, keep one of them.");
            }
            plan = plan.rows(table, count);
        }
        for (String skipped : seed.skip()) {
            String entry = named.get(skipped.strip().toLowerCase(Locale.ROOT));
            if (entry != null) {
                throw new ExtensionConfigurationException("@SeedData on " + where + " both seeds and skips "
                        + skipped.strip() + ": rows = \"" + entry + "\", skip = \"" + skipped + "\".\nTo fix this,"
                        + " remove it from one of them.");
            }
        }
        plan = plan.skip(seed.skip());
        Map<Defect, String> origins = new IdentityHashMap<>();
        for (PlantDefect annotation : AnnotationSupport.findRepeatableAnnotations(element, PlantDefect.class)) {
            Defect defect = defect(annotation, where);
            origins.put(defect, origin(annotation, where));
            plan = plan.defect(defect);
        }
        Optional<Derived> derived = AnnotationSupport.findAnnotation(element, PlantDerivedDefects.class).map(a -> {
            if (a.count() < 1) {
                throw new ExtensionConfigurationException("@PlantDerivedDefects(count = " + a.count() + ") on " + where
                        + " plants nothing.\nTo fix this, give 1 or more.");
            }
            Set<DefectKind> kinds = a.kinds().length == 0 ? Set.of() : EnumSet.copyOf(List.of(a.kinds()));
            return new Derived(kinds, a.table().strip(), a.count(), where);
        });
        return new SeedDeclaration(seed.atVersion().strip(), plan, new AnnotationTerms(where, seed.atVersion().strip(),
                derived.map(Derived::describe).orElse(""), named, origins), derived);
    }

    /** The words of {@code @SeedData} and {@code @PlantDefect}, for the messages of a seed they declared. */
    private record AnnotationTerms(String where, String atVersion, String derived, Map<String, String> rowsEntries,
            Map<Defect, String> origins) implements SeedTerms {

        @Override
        public String seededAt(String version) {
            return "@SeedData(atVersion = \"" + atVersion + "\") on " + where;
        }

        @Override
        public String derivedDefects() {
            return derived;
        }

        @Override
        public String rows(String table) {
            String entry = rowsEntries.get(table.toLowerCase(Locale.ROOT));
            return "@SeedData(rows = \"" + (entry == null ? table + "=..." : entry) + "\") on " + where;
        }

        @Override
        public String giveRows(String table) {
            return "@SeedData(rows = \"" + table + "=n\")";
        }

        @Override
        public String skip(String table) {
            return "@SeedData(skip = \"" + table + "\")";
        }

        @Override
        public String override(String table, String column) {
            // @SeedData has no overrides: the fluent plan does
            return "rehearsal.seed(SeedPlan.withSeed(...).override(\"" + table + "\", \"" + column + "\", ...)) in the"
                    + " test in place of @SeedData";
        }

        @Override
        public String defect(Defect defect) {
            String origin = origins.get(defect);
            return origin == null ? SeedTerms.super.defect(defect) : origin;
        }

        @Override
        public String bypass() {
            return "bypassConstraints = true";
        }

        @Override
        public String referencing(String parent) {
            return "referencing = \"" + parent + "\"";
        }

        @Override
        public String onlyPlanted() {
            return "onlyPlantedRows = true";
        }
    }

    private static String origin(PlantDefect a, String where) {
        return "@PlantDefect(kind = " + a.kind() + ", table = \"" + a.table() + "\") on " + where;
    }

    static Defect defect(PlantDefect a, String where) {
        DefectKind kind = a.kind();
        List<String> stray = new ArrayList<>();
        check(stray, a.futureLength() >= 0, kind == DefectKind.TOO_LONG, "futureLength");
        check(stray, a.futurePrecision() >= 0, kind == DefectKind.OUT_OF_RANGE, "futurePrecision");
        check(stray, a.futureScale() != 0, kind == DefectKind.OUT_OF_RANGE, "futureScale");
        check(stray, !a.targetType().isBlank(), kind == DefectKind.NOT_CASTABLE, "targetType");
        check(stray, a.futureLabels().length > 0, kind == DefectKind.OUTSIDE_LABELS, "futureLabels");
        check(stray, !a.predicate().isBlank(), kind == DefectKind.VIOLATING_CHECK, "predicate");
        check(stray, !a.referencing().isBlank(), kind == DefectKind.ORPHANS, "referencing");
        check(stray, a.bypassConstraints(), kind == DefectKind.ORPHANS, "bypassConstraints");
        String origin = origin(a, where);
        if (!stray.isEmpty()) {
            throw new ExtensionConfigurationException(origin + " sets " + String.join(", ", stray) + ", which "
                    + kind + " does not use.\nTo fix this, remove " + (stray.size() == 1 ? "it" : "them") + ".");
        }
        String[] columns = a.columns();
        String column = columns.length > 0 ? columns[0] : "";
        boolean predicateKind = kind == DefectKind.VIOLATING_CHECK;
        boolean many = kind == DefectKind.DUPLICATES;
        if (predicateKind ? columns.length != 0 : many ? columns.length == 0 : columns.length != 1) {
            throw new ExtensionConfigurationException(origin + " has columns = " + List.of(columns) + ", but " + kind
                    + (predicateKind ? " takes its column from the predicate" : many ? " needs at least one column"
                    : " needs exactly one column") + ".\nTo fix this, " + (predicateKind ? "remove columns"
                    : "name " + (many ? "the columns" : "the column") + ", e.g. columns = \"customer_id\"") + ".");
        }
        Defect defect = switch (kind) {
            case ORPHANS -> a.referencing().isBlank() ? Defect.orphans(a.table(), column)
                    : Defect.orphans(a.table(), column).referencing(a.referencing());
            case NULLS -> Defect.nulls(a.table(), column);
            case DUPLICATES -> Defect.duplicates(a.table(), columns);
            case CASE_DUPLICATES -> Defect.caseDuplicates(a.table(), column);
            case WHITESPACE_DUPLICATES -> Defect.whitespaceDuplicates(a.table(), column);
            case TOO_LONG -> Defect.tooLong(a.table(), column, required(a.futureLength(), "futureLength", origin,
                    "the length the migration narrows the column to, e.g. futureLength = 20"));
            case OUT_OF_RANGE -> Defect.outOfRange(a.table(), column, required(a.futurePrecision(), "futurePrecision", origin,
                    "the future precision, e.g. futurePrecision = 5, futureScale = 2"), a.futureScale());
            case NOT_CASTABLE -> Defect.notCastable(a.table(), column, requiredText(a.targetType(), "targetType", origin,
                    "the type the column will be cast to, e.g. targetType = \"integer\""));
            case INVALID_DATES -> Defect.invalidDates(a.table(), column);
            case OUTSIDE_LABELS -> Defect.outsideLabels(a.table(), column, a.futureLabels().length == 0
                    ? missing("futureLabels", origin, "the labels the migration will allow, e.g. futureLabels = {\"NEW\", \"PAID\"}")
                    : a.futureLabels());
            case VIOLATING_CHECK -> Defect.violating(a.table(), requiredText(a.predicate(), "predicate", origin,
                    "the predicate the migration will add, e.g. predicate = \"quantity > 0\""));
            case INVALID_JSON -> Defect.invalidJson(a.table(), column);
            case INVALID_UUID -> Defect.invalidUuid(a.table(), column);
        };
        if (a.count() != 0 && a.ratio() != 0) {
            throw new ExtensionConfigurationException(origin + " sets both count = " + a.count() + " and ratio = "
                    + a.ratio() + ".\nTo fix this, keep one of them.");
        }
        try {
            defect = a.ratio() != 0 ? defect.ratio(a.ratio()) : a.count() != 0 ? defect.count(a.count()) : defect;
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(origin + ": " + e.getMessage() + ".\nTo fix this, give a count of 1"
                    + " or more, or a ratio above 0 and at most 1.");
        }
        defect = a.bypassConstraints() ? defect.bypassingConstraints() : defect;
        if (!a.onlyPlantedRows()) {
            return defect;
        }
        try {
            return defect.onlyPlantedRows();
        } catch (IllegalArgumentException freeText) {
            // Defect refuses the kinds whose valid values are not known; said here in the annotation's words
            throw new ExtensionConfigurationException(origin + " sets onlyPlantedRows = true, but the realistic rows of "
                    + a.table() + "." + column + " would have to be valid " + kind + " values, and the generator cannot"
                    + " tell what valid means for a free-text column.\nTo fix this, remove onlyPlantedRows = true, or"
                    + " give the column valid values with rehearsal.seed(SeedPlan.withSeed(...).override(\"" + a.table()
                    + "\", \"" + column + "\", ...)) in the test in place of @SeedData.", freeText);
        }
    }

    private static void check(List<String> stray, boolean set, boolean used, String attribute) {
        if (set && !used) {
            stray.add(attribute);
        }
    }

    private static int required(int value, String attribute, String origin, String fix) {
        if (value < 0) {
            missing(attribute, origin, fix);
        }
        return value;
    }

    private static String requiredText(String value, String attribute, String origin, String fix) {
        if (value.isBlank()) {
            missing(attribute, origin, fix);
        }
        return value;
    }

    private static String[] missing(String attribute, String origin, String fix) {
        throw new ExtensionConfigurationException(origin + " does not set " + attribute + ".\nTo fix this, give " + fix + ".");
    }

    private static int nonNegative(int value, String attribute, String where) {
        if (value < 0) {
            throw new ExtensionConfigurationException("@SeedData(" + attribute + " = " + value + ") on " + where
                    + " is negative.\nTo fix this, give 0 or more.");
        }
        return value;
    }

    private static String where(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName() + "()";
    }
}
