package dev.rehearsal.data.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What simple CHECK predicates allow, per column: numeric bounds, a set of values, length bounds. Understands
 * comparisons with a literal, BETWEEN, IN lists (PostgreSQL shows them as {@code = ANY (ARRAY[...])}), length and
 * char_length comparisons, and conjunctions of these, in the forms PostgreSQL and the MySQL family print them.
 * Anything else is left to the engine, which names the check if generated rows violate it.
 */
final class CheckRules {

    /** What one column may hold. */
    static final class Rule {
        BigDecimal min;
        boolean minExclusive;
        BigDecimal max;
        boolean maxExclusive;
        Set<String> allowed;
        Integer minLength;
        Integer maxLength;
        BigDecimal notEqual;

        /** Whether a value satisfies this rule; NULL satisfies any CHECK. */
        boolean accepts(Object value) {
            if (value == null) {
                return true;
            }
            if (allowed != null && !allowed.contains(String.valueOf(value))) {
                return false;
            }
            if (value instanceof Number number) {
                BigDecimal n = new BigDecimal(number.toString());
                if (min != null && (minExclusive ? n.compareTo(min) <= 0 : n.compareTo(min) < 0)) {
                    return false;
                }
                if (max != null && (maxExclusive ? n.compareTo(max) >= 0 : n.compareTo(max) > 0)) {
                    return false;
                }
                if (notEqual != null && n.compareTo(notEqual) == 0) {
                    return false;
                }
            }
            if (value instanceof CharSequence text) {
                if (minLength != null && text.length() < minLength) {
                    return false;
                }
                if (maxLength != null && text.length() > maxLength) {
                    return false;
                }
            }
            return true;
        }

        Rule merge(Rule other) {
            if (other.min != null && (min == null || other.min.compareTo(min) > 0)) {
                min = other.min;
                minExclusive = other.minExclusive;
            } else if (other.min != null && other.min.compareTo(min) == 0) {
                minExclusive |= other.minExclusive;
            }
            if (other.max != null && (max == null || other.max.compareTo(max) < 0)) {
                max = other.max;
                maxExclusive = other.maxExclusive;
            } else if (other.max != null && other.max.compareTo(max) == 0) {
                maxExclusive |= other.maxExclusive;
            }
            if (other.allowed != null) {
                if (allowed == null) {
                    allowed = other.allowed;
                } else {
                    Set<String> both = new LinkedHashSet<>(allowed);
                    both.retainAll(other.allowed);
                    allowed = both;
                }
            }
            if (other.minLength != null) {
                minLength = minLength == null ? other.minLength : Math.max(minLength, other.minLength);
            }
            if (other.maxLength != null) {
                maxLength = maxLength == null ? other.maxLength : Math.min(maxLength, other.maxLength);
            }
            if (other.notEqual != null) {
                notEqual = other.notEqual;
            }
            return this;
        }
    }

    private static final String NUMBER = "(-?\\d+(?:\\.\\d+)?)";
    private static final String IDENT = "([A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern COMPARE = Pattern.compile("^" + IDENT + "\\s*(>=|<=|<>|!=|=|>|<)\\s*" + NUMBER + "$");
    private static final Pattern COMPARE_REVERSED = Pattern.compile("^" + NUMBER + "\\s*(>=|<=|<>|!=|=|>|<)\\s*" + IDENT + "$");
    private static final Pattern BETWEEN = Pattern.compile("(?i)^" + IDENT + "\\s+between\\s+" + NUMBER + "\\s+and\\s+" + NUMBER + "$");
    private static final Pattern IN_LIST = Pattern.compile("(?i)^" + IDENT + "\\s+in\\s*\\((.*)\\)$");
    private static final Pattern ANY_ARRAY = Pattern.compile("(?i)^" + IDENT
            + "\\s*=\\s*any\\s*\\(\\s*\\(*\\s*array\\s*\\[(.*)]\\s*\\)*\\s*\\)$");
    private static final Pattern LENGTH = Pattern.compile("(?i)^(?:char_length|length|character_length)\\s*\\(\\s*" + IDENT
            + "\\s*\\)\\s*(>=|<=|=|>|<)\\s*(\\d+)$");
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");

    private CheckRules() {
    }

    /** Rules per lower-case column name, from a table's check expressions. */
    static Map<String, Rule> of(List<String> expressions) {
        Map<String, Rule> rules = new HashMap<>();
        for (String expression : expressions) {
            for (String conjunct : conjuncts(normalize(expression))) {
                parse(conjunct).ifPresent(parsed -> rules.merge(parsed.column(), parsed.rule(), Rule::merge));
            }
        }
        return rules;
    }

    /** A predicate on one column, understood. */
    record Parsed(String column, Rule rule) {
    }

    /** Parse a single predicate, e.g. one a {@code violating} defect gives. */
    static Optional<Parsed> parsePredicate(String predicate) {
        List<String> parts = conjuncts(normalize(predicate));
        if (parts.size() != 1) {
            return Optional.empty();
        }
        return parse(parts.get(0));
    }

    /**
     * Strip casts, quotes and redundant parentheses so both engines' renderings look alike: PostgreSQL prints
     * {@code price > 0} on a numeric column as {@code (price > (0)::numeric)}, and an IN list on a varchar as
     * {@code ((status)::text = ANY ((ARRAY['a'::character varying])::text[]))}.
     */
    static String normalize(String expression) {
        String text = expression
                .replaceAll("::[a-zA-Z_ ]+(\\(\\d+(,\\s*\\d+)?\\))?(\\[\\])?", "")
                .replace("`", "")
                .replaceAll("\"([A-Za-z_][A-Za-z0-9_$]*)\"", "$1")
                .strip();
        String previous;
        do {
            previous = text;
            text = text.replaceAll("(?<![A-Za-z0-9_$])\\((-?\\d+(?:\\.\\d+)?)\\)", "$1")
                    .replaceAll("(?<![A-Za-z0-9_$])\\(([A-Za-z_][A-Za-z0-9_$]*)\\)", "$1")
                    .replaceAll("'(-?\\d+(?:\\.\\d+)?)'", "$1");
        } while (!text.equals(previous));
        return unwrap(text);
    }

    private static Optional<Parsed> parse(String text) {
        String conjunct = unwrap(text);
        Matcher m;
        if ((m = BETWEEN.matcher(conjunct)).matches()) {
            Rule rule = new Rule();
            rule.min = new BigDecimal(m.group(2));
            rule.max = new BigDecimal(m.group(3));
            return Optional.of(new Parsed(lower(m.group(1)), rule));
        }
        if ((m = COMPARE.matcher(conjunct)).matches()) {
            return Optional.of(new Parsed(lower(m.group(1)), comparison(m.group(2), new BigDecimal(m.group(3)))));
        }
        if ((m = COMPARE_REVERSED.matcher(conjunct)).matches()) {
            return Optional.of(new Parsed(lower(m.group(3)), comparison(flip(m.group(2)), new BigDecimal(m.group(1)))));
        }
        if ((m = IN_LIST.matcher(conjunct)).matches() || (m = ANY_ARRAY.matcher(conjunct)).matches()) {
            Set<String> values = new LinkedHashSet<>();
            Matcher q = QUOTED.matcher(m.group(2));
            while (q.find()) {
                values.add(q.group(1).replace("''", "'"));
            }
            if (values.isEmpty()) {
                for (String number : m.group(2).split(",")) {
                    values.add(unwrap(number.strip()));
                }
            }
            Rule rule = new Rule();
            rule.allowed = values;
            return Optional.of(new Parsed(lower(m.group(1)), rule));
        }
        if ((m = LENGTH.matcher(conjunct)).matches()) {
            int n = Integer.parseInt(m.group(3));
            Rule rule = new Rule();
            switch (m.group(2)) {
                case ">" -> rule.minLength = n + 1;
                case ">=" -> rule.minLength = n;
                case "<" -> rule.maxLength = n - 1;
                case "<=" -> rule.maxLength = n;
                default -> {
                    rule.minLength = n;
                    rule.maxLength = n;
                }
            }
            return Optional.of(new Parsed(lower(m.group(1)), rule));
        }
        return Optional.empty();
    }

    private static Rule comparison(String operator, BigDecimal value) {
        Rule rule = new Rule();
        switch (operator) {
            case ">" -> {
                rule.min = value;
                rule.minExclusive = true;
            }
            case ">=" -> rule.min = value;
            case "<" -> {
                rule.max = value;
                rule.maxExclusive = true;
            }
            case "<=" -> rule.max = value;
            case "=" -> {
                rule.min = value;
                rule.max = value;
            }
            default -> rule.notEqual = value;
        }
        return rule;
    }

    private static String flip(String operator) {
        return switch (operator) {
            case ">" -> "<";
            case "<" -> ">";
            case ">=" -> "<=";
            case "<=" -> ">=";
            default -> operator;
        };
    }

    /** Split at top-level AND. */
    private static List<String> conjuncts(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        String upper = text.toUpperCase(Locale.ROOT);
        boolean inQuote = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                inQuote = !inQuote;
            } else if (!inQuote && c == '(') {
                depth++;
            } else if (!inQuote && c == ')') {
                depth--;
            } else if (!inQuote && depth == 0 && upper.startsWith(" AND ", i) && !betweenBefore(upper, i)) {
                parts.add(text.substring(start, i).strip());
                start = i + 5;
                i += 4;
            }
        }
        parts.add(text.substring(start).strip());
        if (parts.size() == 1) {
            return parts;
        }
        // PostgreSQL prints BETWEEN as a parenthesised AND of its own: split nested conjunctions too
        List<String> flat = new ArrayList<>();
        parts.forEach(part -> flat.addAll(conjuncts(unwrap(part))));
        return flat;
    }

    /** The AND of {@code x BETWEEN a AND b} does not split. */
    private static boolean betweenBefore(String upper, int andAt) {
        int between = upper.lastIndexOf(" BETWEEN ", andAt);
        return between >= 0 && upper.lastIndexOf(" AND ", andAt - 1) < between;
    }

    /** Remove parentheses that wrap the whole text. */
    static String unwrap(String text) {
        String result = text.strip();
        while (result.startsWith("(") && result.endsWith(")") && wraps(result)) {
            result = result.substring(1, result.length() - 1).strip();
        }
        return result;
    }

    private static boolean wraps(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0 && i < text.length() - 1) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
