package dev.rehearsal.internal.jdbc;

import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reading SQL text without a full parser: splitting a script into statements, skipping comments, and
 * reading a statement's leading keywords.
 */
public final class SqlText {

    private SqlText() {
    }

    /**
     * Split a script into statements at {@code ;} outside quotes, comments and dollar quotes. On the MySQL
     * family a {@code DELIMITER} line changes the terminator, as in the {@code mysql} client.
     *
     * @return the statements without their terminators, blank ones dropped
     */
    public static List<String> split(String script, Engine engine) {
        return splitWithLines(script, engine).stream().map(Located::sql).toList();
    }

    /**
     * A statement of a script and the line its first keyword stands on, leading comments skipped, as Flyway counts.
     *
     * @param sql the statement, without its terminator
     * @param line the 1-based line
     * @param delimiter the delimiter that ends it: {@code ;}, or one a MySQL-family DELIMITER line set
     */
    public record Located(String sql, int line, String delimiter) {

        /**
         * Whether a statement as Flyway ran it is this one: the same text, whitespace and leading comments aside,
         * Flyway's text keeping the delimiter that ended it.
         */
        public boolean isSameAs(String ranByFlyway) {
            String ran = ranByFlyway.strip();
            if (!delimiter.equals(";") && ran.endsWith(delimiter)) {
                ran = ran.substring(0, ran.length() - delimiter.length());
            }
            return squeeze(sql).equals(squeeze(trimTerminator(ran)));
        }

        private static String squeeze(String sql) {
            return stripLeadingComments(sql).replaceAll("\\s+", " ").strip();
        }
    }

    /** Split like {@link #split(String, Engine)}, keeping each statement's line. */
    public static List<Located> splitWithLines(String script, Engine engine) {
        List<Located> statements = new ArrayList<>();
        boolean mysql = engine.isMysqlFamily();
        String delimiter = ";";
        StringBuilder current = new StringBuilder();
        LineCursor lines = new LineCursor();
        int i = 0;
        int start = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (mysql && atLineStart(current) && script.regionMatches(true, i, "DELIMITER", 0, 9)
                    && i + 9 < n && Character.isWhitespace(script.charAt(i + 9))) {
                int end = script.indexOf('\n', i);
                end = end < 0 ? n : end;
                delimiter = script.substring(i + 9, end).trim();
                if (delimiter.isEmpty()) {
                    throw new RehearsalConfigurationException("A DELIMITER line names no delimiter: '"
                            + script.substring(i, end).strip() + "'.\nTo fix this, write the new delimiter after it,"
                            + " e.g. DELIMITER $$, and switch back with DELIMITER ;");
                }
                addIfNotBlank(statements, current, script, start, delimiter, lines);
                current.setLength(0);
                i = end;
                start = i;
                continue;
            }
            if (script.startsWith(delimiter, i)) {
                addIfNotBlank(statements, current, script, start, delimiter, lines);
                current.setLength(0);
                i += delimiter.length();
                start = i;
                continue;
            }
            int skip = skipQuotedOrComment(script, i, mysql);
            current.append(script, i, skip);
            i = skip;
        }
        addIfNotBlank(statements, current, script, start, delimiter, lines);
        return statements;
    }

    /**
     * Return the text with leading whitespace and comments removed.
     */
    public static String stripLeadingComments(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i) || c == '#') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i) && !sql.startsWith("/*!", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        return sql.substring(i);
    }

    /**
     * Return up to {@code count} leading words of the statement, upper-cased, comments skipped wherever they stand;
     * the bodies of MySQL executable comments ({@code /*!40000 ... *}{@code /}) count as words, since the server
     * runs them. Quoted identifiers keep their case and lose their quotes.
     */
    public static List<String> leadingWords(String sql, int count) {
        return leadingWords(sql, count, null);
    }

    /**
     * Like {@link #leadingWords(String, int)}, read as the engine reads comments: on the MySQL family {@code --} opens
     * a comment only before whitespace ({@code 1--2} is one minus minus two), and {@code #} opens one; on PostgreSQL
     * block comments nest ({@code /* a /* b *}{@code / c *}{@code /} is one comment) and {@code #} is an operator.
     * Without an engine, both readings' comment openers are comments and block comments nest: what the guard reads
     * then errs on the side of seeing more words.
     */
    public static List<String> leadingWords(String sql, int count, Engine engine) {
        return words(sql, count, engine).stream()
                .map(w -> w.quoted() ? w.text() : w.text().toUpperCase(Locale.ROOT)).toList();
    }

    /**
     * A word of a statement as {@link #words} reads it.
     *
     * @param text the word as written (a quoted identifier without its quotes), or one punctuation character
     * @param quoted whether it was a quoted identifier, which is never a keyword
     */
    public record Word(String text, boolean quoted) {

        /** Whether this is the keyword, unquoted, in any case. */
        public boolean is(String keyword) {
            return !quoted && text.equalsIgnoreCase(keyword);
        }
    }

    /** Like {@link #leadingWords(String, int, Engine)}, each word as written and whether it was quoted. */
    public static List<Word> words(String sql, int count, Engine engine) {
        String text = sql;
        boolean mysql = engine != null && engine.isMysqlFamily();
        boolean postgres = engine != null && !engine.isMysqlFamily();
        List<Word> words = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n && words.size() < count) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (lineComment(text, i, mysql, postgres)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (!postgres && (text.startsWith("/*!", i) || text.startsWith("/*M!", i))) {
                // a MySQL executable comment: the server runs its body, so its words count
                i += text.startsWith("/*!", i) ? 3 : 4;
                while (i < n && Character.isDigit(text.charAt(i))) {
                    i++;
                }
            } else if (text.startsWith("*/", i)) {
                i += 2;
            } else if (text.startsWith("/*", i)) {
                i = endOfBlockComment(text, i, !mysql);
            } else if (c == '`' || c == '"') {
                int end = text.indexOf(c, i + 1);
                end = end < 0 ? n : end;
                words.add(new Word(text.substring(i + 1, end), true));
                i = end + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || text.charAt(i) == '$' || text.charAt(i) == '.')) {
                    i++;
                }
                words.add(new Word(text.substring(start, i), false));
            } else {
                words.add(new Word(String.valueOf(c), false));
                i++;
            }
        }
        return words;
    }

    /**
     * Return the table a statement acts on, read from its leading words as the engine reads them: {@code ALTER [ONLINE]
     * [IGNORE] TABLE [ONLY] [IF EXISTS] t}, {@code UPDATE [LOW_PRIORITY] [IGNORE] t}, {@code INSERT|REPLACE
     * [LOW_PRIORITY|DELAYED|HIGH_PRIORITY] [IGNORE] INTO t}, {@code DELETE [LOW_PRIORITY] [QUICK] [IGNORE] FROM t},
     * {@code RENAME TABLE t},
     * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [i] ON [ONLY] t}, {@code DROP TABLE [IF EXISTS] t},
     * {@code TRUNCATE [TABLE] t}. A qualified name gives its last part; a quoted one keeps its case and dots.
     */
    public static java.util.Optional<String> tableOf(String sql, Engine engine) {
        List<Word> w = words(sql, 16, engine);
        int at = -1;
        if (starts(w, 0, "ALTER")) {
            int table = skip(w, skip(w, 1, "ONLINE"), "IGNORE");
            // ALTER TABLE [IF EXISTS] [ONLY] t, as PostgreSQL writes it (ONLY first is read too)
            at = starts(w, table, "TABLE")
                    ? skip(w, skip(w, skip(w, table + 1, "ONLY"), "IF", "EXISTS"), "ONLY") : -1;
        } else if (starts(w, 0, "UPDATE")) {
            at = skip(w, skip(w, skip(w, 1, "LOW_PRIORITY"), "IGNORE"), "ONLY");
        } else if (starts(w, 0, "INSERT") || starts(w, 0, "REPLACE")) {
            int into = skip(w, skip(w, skip(w, skip(w, 1, "LOW_PRIORITY"), "DELAYED"), "HIGH_PRIORITY"), "IGNORE");
            at = starts(w, into, "INTO") ? into + 1 : starts(w, 0, "REPLACE") ? into : -1;
        } else if (starts(w, 0, "DELETE")) {
            int from = skip(w, skip(w, skip(w, 1, "LOW_PRIORITY"), "QUICK"), "IGNORE");
            at = starts(w, from, "FROM") ? skip(w, from + 1, "ONLY") : -1;
        } else if (starts(w, 0, "RENAME", "TABLE")) {
            at = 2;
        } else if (starts(w, 0, "DROP", "TABLE")) {
            at = skip(w, 2, "IF", "EXISTS");
        } else if (starts(w, 0, "TRUNCATE")) {
            at = skip(w, skip(w, 1, "TABLE"), "ONLY");
        } else {
            int index = indexNameAt(w);
            if (index >= 0) {
                int on = starts(w, index, "ON") ? index : index + 1;
                at = starts(w, on, "ON") ? skip(w, on + 1, "ONLY") : -1;
            }
        }
        return at < 0 ? java.util.Optional.empty() : name(w, at);
    }

    /** Return the name of the index a {@code CREATE INDEX ... IF NOT EXISTS name} creates, if the statement is one. */
    public static java.util.Optional<String> indexCreatedIfNotExists(String sql, Engine engine) {
        List<Word> w = words(sql, 16, engine);
        int name = indexNameAt(w);
        return name >= 2 && w.get(name - 1).is("EXISTS") && w.get(name - 2).is("NOT") && !starts(w, name, "ON")
                ? name(w, name) : java.util.Optional.empty();
    }

    /** Where the index name (or ON) stands in {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS]}; -1 if not one. */
    private static int indexNameAt(List<Word> w) {
        if (!starts(w, 0, "CREATE")) {
            return -1;
        }
        int index = skip(w, 1, "UNIQUE");
        if (!starts(w, index, "INDEX")) {
            return -1;
        }
        return skip(w, skip(w, index + 1, "CONCURRENTLY"), "IF", "NOT", "EXISTS");
    }

    private static boolean starts(List<Word> w, int at, String... keywords) {
        for (int k = 0; k < keywords.length; k++) {
            if (at + k >= w.size() || !w.get(at + k).is(keywords[k])) {
                return false;
            }
        }
        return true;
    }

    private static int skip(List<Word> w, int at, String... keywords) {
        return starts(w, at, keywords) ? at + keywords.length : at;
    }

    /** The name at {@code at}, qualified or not ({@code s.t}, {@code "s"."t"}, {@code `s`.`t`}): its last part. */
    private static java.util.Optional<String> name(List<Word> w, int at) {
        int last = at;
        while (last + 2 < w.size() && w.get(last + 1).text().equals(".") && !w.get(last + 1).quoted()) {
            last += 2;
        }
        if (last >= w.size()) {
            return java.util.Optional.empty();
        }
        Word word = w.get(last);
        if (word.quoted()) {
            return java.util.Optional.of(word.text());
        }
        String text = word.text();
        if (text.isEmpty() || !(Character.isLetterOrDigit(text.charAt(0)) || text.charAt(0) == '_')) {
            return java.util.Optional.empty();
        }
        int dot = text.lastIndexOf('.');
        if (dot == text.length() - 1 && last + 1 < w.size() && w.get(last + 1).quoted()) {
            return java.util.Optional.of(w.get(last + 1).text()); // public."Orders"
        }
        return java.util.Optional.of(dot >= 0 ? text.substring(dot + 1) : text);
    }

    /**
     * Return the statement's text trimmed of surrounding whitespace and a trailing terminator.
     */
    public static String trimTerminator(String sql) {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).stripTrailing();
        }
        return text;
    }

    /**
     * Tell whether the MySQL family commits the open transaction implicitly when it runs this statement:
     * DDL, account and lock statements, and {@code CALL}, whose procedure may run DDL.
     */
    public static boolean commitsImplicitlyOnMysql(String sql) {
        List<String> words = leadingWords(sql, 2);
        if (words.isEmpty()) {
            return false;
        }
        String first = words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        return switch (first) {
            case "CREATE", "DROP" -> !"TEMPORARY".equals(second);
            case "ALTER", "RENAME", "TRUNCATE", "GRANT", "REVOKE", "LOCK", "UNLOCK", "CALL", "ANALYZE", "OPTIMIZE",
                    "REPAIR", "INSTALL", "UNINSTALL", "FLUSH", "BEGIN", "COMMIT", "START" -> true;
            default -> false;
        };
    }

    private static boolean atLineStart(StringBuilder current) {
        for (int k = current.length() - 1; k >= 0; k--) {
            char c = current.charAt(k);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the line count stands in a script being split: statements come in order, so each line is counted once
     * from the last statement's keyword on, however long the script.
     */
    private static final class LineCursor {
        int position;
        int line = 1;

        int lineAt(String script, int keyword) {
            for (; position < keyword && position < script.length(); position++) {
                if (script.charAt(position) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }

    private static void addIfNotBlank(List<Located> statements, StringBuilder current, String script, int start,
            String delimiter, LineCursor lines) {
        String text = current.toString();
        String body = stripLeadingComments(text);
        if (!body.isBlank()) {
            int keyword = start + (text.length() - body.length());
            statements.add(new Located(text.strip(), lines.lineAt(script, keyword), delimiter));
        }
    }

    /**
     * Whether a line comment starts at {@code i}: {@code --}, on the MySQL family only before whitespace or a control
     * character (else {@code --2} is two minus signs), and {@code #} on the MySQL family (on PostgreSQL an operator).
     * Neither engine given: either reading's comment counts.
     */
    private static boolean lineComment(String s, int i, boolean mysql, boolean postgres) {
        if (s.startsWith("--", i)) {
            return !mysql || i + 2 >= s.length() || s.charAt(i + 2) <= ' ';
        }
        return s.charAt(i) == '#' && !postgres;
    }

    /** The index just past the block comment at {@code i}; PostgreSQL's nest, the MySQL family's do not. */
    private static int endOfBlockComment(String s, int i, boolean nested) {
        int n = s.length();
        int depth = 1;
        int j = i + 2;
        while (j < n) {
            if (s.startsWith("*/", j)) {
                depth--;
                j += 2;
                if (depth == 0 || !nested) {
                    return j;
                }
            } else if (nested && s.startsWith("/*", j)) {
                depth++;
                j += 2;
            } else {
                j++;
            }
        }
        return n;
    }

    /** Whether the quote at {@code i} opens a PostgreSQL escape string, {@code E'...'} (not {@code name'...'}). */
    private static boolean escapeString(String s, int i) {
        if (i == 0 || (s.charAt(i - 1) != 'E' && s.charAt(i - 1) != 'e')) {
            return false;
        }
        return i == 1 || !(Character.isLetterOrDigit(s.charAt(i - 2)) || s.charAt(i - 2) == '_' || s.charAt(i - 2) == '$');
    }

    /** Return the index just past the quoted string, comment or single character at {@code i}. */
    private static int skipQuotedOrComment(String s, int i, boolean mysql) {
        int n = s.length();
        char c = s.charAt(i);
        if (c == '\'' || c == '"' || (mysql && c == '`')) {
            // backslash escapes: in the MySQL family's strings, and in PostgreSQL's E'...' strings
            boolean escapes = mysql ? c != '`' : c == '\'' && escapeString(s, i);
            int j = i + 1;
            while (j < n) {
                char d = s.charAt(j);
                if (escapes && d == '\\') {
                    j += 2;
                    continue;
                }
                if (d == c) {
                    if (j + 1 < n && s.charAt(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return n;
        }
        if (lineComment(s, i, mysql, !mysql)) {
            int end = s.indexOf('\n', i);
            return end < 0 ? n : end + 1;
        }
        if (s.startsWith("/*", i)) {
            return endOfBlockComment(s, i, !mysql);
        }
        if (!mysql && c == '$') {
            int close = s.indexOf('$', i + 1);
            if (close > 0) {
                String tag = s.substring(i, close + 1);
                if (tag.chars().skip(1).limit(tag.length() - 2L).allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')
                        && !(tag.length() > 2 && Character.isDigit(tag.charAt(1)))) {
                    int end = s.indexOf(tag, close + 1);
                    return end < 0 ? n : end + tag.length();
                }
            }
        }
        return i + 1;
    }
}
