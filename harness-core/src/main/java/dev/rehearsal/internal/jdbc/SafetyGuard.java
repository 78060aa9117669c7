package dev.rehearsal.internal.jdbc;

import dev.rehearsal.DatabaseInfo;
import dev.rehearsal.Engine;
import dev.rehearsal.ProviderKind;
import dev.rehearsal.UnsafeOperationException;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses statements that would act on what the harness did not create: dropping another database or switching the
 * session to one, and, on an existing server, which is shared, statements that act on the whole server (ending other
 * sessions, dropping accounts, changing the server's configuration).
 *
 * <p>Checked before each statement the harness runs for a test, migrations included, so a dump or script
 * written for another environment cannot touch the server's other databases. An embedded server or a container
 * belongs to the harness as a whole; there only other databases are protected.
 */
public final class SafetyGuard {

    /** Words that may start something the deep scan refuses; a statement with none of them is not read further. */
    private static final Pattern MAY_REACH_OUT = Pattern.compile(
            "(?i)DATABASE|SCHEMA|KILL|_BACKEND|DBLINK|PROGRAM|PREPARE|IMMEDIATE|SHUTDOWN");

    /** How many words of a statement the deep scan reads: a routine's body, a dynamic statement's literal. */
    private static final int DEEP = 20_000;

    private SafetyGuard() {
    }

    /**
     * @param statement the statement about to run
     * @param database the rehearsal database, the only one statements may act on
     * @throws UnsafeOperationException if the statement targets another database, or the shared server
     */
    public static void check(String statement, DatabaseInfo database) {
        check(statement, database, null);
    }

    /**
     * As {@link #check(String, DatabaseInfo)}, and on the MySQL family, SQL built at run time ({@code PREPARE s FROM
     * @v}, {@code EXECUTE IMMEDIATE CONCAT(...)}) is read by evaluating its text on the session that is about to run it,
     * then checked in turn.
     *
     * @param session the session the statement runs on; null when there is none to ask
     */
    public static void check(String statement, DatabaseInfo database, java.sql.Connection session) {
        check(statement, database, session, 0);
    }

    private static void check(String statement, DatabaseInfo database, java.sql.Connection session, int depth) {
        Engine engine = database.engine();
        String ownDatabase = database.databaseName();
        List<String> words = SqlText.leadingWords(statement, 64, engine);
        if (words.isEmpty()) {
            return;
        }
        if (!"COMMENT".equals(words.get(0)) && MAY_REACH_OUT.matcher(statement).find()) {
            deep(statement, database, session, depth);
        }
        String first = words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        if ("DROP".equals(first) && ("DATABASE".equals(second) || (engine.isMysqlFamily() && "SCHEMA".equals(second)))) {
            String target = nameAfter(words, 2);
            boolean own = engine.isMysqlFamily() && target.equalsIgnoreCase(ownDatabase);
            if (!own) {
                throw refused(statement, "it acts on database '" + target + "', which the harness did not create",
                        ownDatabase);
            }
        }
        if (engine.isMysqlFamily() && "USE".equals(first) && !second.equalsIgnoreCase(ownDatabase)) {
            throw refused(statement, "it acts on database '" + second + "', which the harness did not create",
                    ownDatabase);
        }
        if (database.provider() == ProviderKind.EXISTING) {
            String serverWide = serverWide(statement, engine, words);
            if (serverWide != null) {
                throw refused(statement, "it " + serverWide + " of the server at " + database.describeServer()
                        + ", which the harness shares and did not create", ownDatabase);
            }
        }
    }

    private static String serverWide(String statement, Engine engine, List<String> words) {
        String first = words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        String third = words.size() > 2 ? words.get(2) : "";
        if ("KILL".equals(first) || "SHUTDOWN".equals(first)) {
            return "ends sessions";
        }
        if ("DROP".equals(first) && ("ROLE".equals(second) || "GROUP".equals(second)
                || "USER".equals(second) && !"MAPPING".equals(third))
                || "RENAME".equals(first) && "USER".equals(second)) {
            return "drops or renames accounts";
        }
        if ("ALTER".equals(first) && "SYSTEM".equals(second)
                || engine.isMysqlFamily() && "SET".equals(first) && setsGlobally(words)) {
            return "changes the configuration";
        }
        return null;
    }

    /** {@code SET GLOBAL x = 1}, {@code SET PERSIST ...}, {@code SET a = 1, @@global.b = 2}, in any position. */
    private static boolean setsGlobally(List<String> words) {
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("GLOBAL") || word.equals("PERSIST") || word.equals("PERSIST_ONLY")
                    || word.startsWith("GLOBAL.") || word.startsWith("PERSIST.") || word.startsWith("PERSIST_ONLY.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Read the whole statement, literals and routine bodies included, for what reaches outside the rehearsal wherever
     * it stands: {@code DROP DATABASE} of another database inside {@code EXECUTE IMMEDIATE '…'}, a procedure's body or
     * {@code dblink_exec(…, '…')}; on PostgreSQL any dblink call and {@code COPY … TO/FROM PROGRAM}; on a shared server a
     * call of {@code pg_terminate_backend}/{@code pg_cancel_backend} however it is written (quoted, qualified, in a
     * {@code CREATE TABLE … AS SELECT}), a {@code KILL} in a literal or a body, and MySQL-family SQL built at run time
     * by a statement of its own ({@code PREPARE s FROM @v}, {@code EXECUTE IMMEDIATE @v}) whose text cannot be read.
     */
    private static void deep(String statement, DatabaseInfo database, java.sql.Connection session, int depth) {
        Engine engine = database.engine();
        boolean shared = database.provider() == ProviderKind.EXISTING;
        List<SqlText.Word> all = SqlText.words(statement, DEEP, engine);
        for (int i = 0; i < all.size(); i++) {
            String word = all.get(i).quoted() ? all.get(i).text().toUpperCase(Locale.ROOT)
                    : all.get(i).text().toUpperCase(Locale.ROOT);
            String bare = word.substring(word.lastIndexOf('.') + 1);
            String next = i + 1 < all.size() ? all.get(i + 1).text().toUpperCase(Locale.ROOT) : "";
            boolean called = "(".equals(next);
            boolean nextQuoted = i + 1 < all.size() && all.get(i + 1).quoted();
            boolean dropsColumn = all.get(0).is("ALTER"); // ALTER TABLE t DROP database: a column named so
            if (i > 0 && !all.get(i).quoted() && !nextQuoted && !dropsColumn && "DROP".equals(word)
                    && ("DATABASE".equals(next) || engine.isMysqlFamily() && "SCHEMA".equals(next))) {
                List<String> rest = all.subList(i, Math.min(all.size(), i + 8)).stream()
                        .filter(w -> !"'".equals(w.text()) && !"\"".equals(w.text()))
                        .map(w -> w.quoted() ? w.text() : w.text().toUpperCase(Locale.ROOT)).toList();
                String target = nameAfter(rest, 2);
                if (!(engine.isMysqlFamily() && target.equalsIgnoreCase(database.databaseName()))) {
                    throw refused(statement, "it acts on database '" + target + "', which the harness did not create"
                            + " (inside the statement)", database.databaseName());
                }
            }
            if (!engine.isMysqlFamily() && called && bare.startsWith("DBLINK")) {
                throw refused(statement, "it reaches other databases through dblink", database.databaseName());
            }
            if (!engine.isMysqlFamily() && "PROGRAM".equals(word) && i > 0 && Set.of("TO", "FROM").contains(
                    all.get(i - 1).text().toUpperCase(Locale.ROOT)) && all.stream().anyMatch(w -> w.is("COPY"))) {
                throw refused(statement, "it runs a program on the server's machine (COPY … PROGRAM)",
                        database.databaseName());
            }
            if (shared && called && (bare.equals("PG_TERMINATE_BACKEND") || bare.equals("PG_CANCEL_BACKEND"))) {
                throw refused(statement, "it ends sessions of the server at " + database.describeServer()
                        + ", which the harness shares and did not create", database.databaseName());
            }
            if (shared && engine.isMysqlFamily() && i > 0 && "KILL".equals(word) && kills(all, i + 1)) {
                throw refused(statement, "it ends sessions of the server at " + database.describeServer()
                        + ", which the harness shares and did not create (inside the statement)", database.databaseName());
            }
            if (engine.isMysqlFamily() && i == 0 && ("PREPARE".equals(word) && all.size() > 2
                    && "FROM".equalsIgnoreCase(all.get(2).text()) || "EXECUTE".equals(word) && "IMMEDIATE".equals(next))) {
                dynamic(statement, all, i, database, session, depth);
            }
        }
    }

    /** Whether the words after a KILL make it the statement: a number, a variable, CONNECTION, QUERY, USER, HARD, SOFT. */
    private static boolean kills(List<SqlText.Word> all, int from) {
        if (from >= all.size()) {
            return false;
        }
        String next = all.get(from).text().toUpperCase(Locale.ROOT);
        return next.chars().allMatch(Character::isDigit) || "@".equals(next)
                || Set.of("CONNECTION", "QUERY", "USER", "HARD", "SOFT").contains(next);
    }

    /**
     * MySQL-family dynamic SQL at the start of a statement: {@code PREPARE s FROM <text>} or {@code EXECUTE IMMEDIATE
     * <text>}. A literal was read with the rest of the statement. Anything else is evaluated on the session about to run
     * it and the SQL it gives checked; without a session it cannot be read, which a shared server refuses. Inside a
     * routine's body (the common {@code SET @stmt = CONCAT(...); PREPARE st FROM @stmt} of idempotent DDL) the text
     * exists only when the routine runs: a text guard cannot see it, which is why rehearsals on a shared server should
     * run with least privilege.
     */
    private static void dynamic(String statement, List<SqlText.Word> all, int at, DatabaseInfo database,
            java.sql.Connection session, int depth) {
        String expression = dynamicText(statement);
        if (expression != null && PLAIN_LITERAL.matcher(expression).matches()) {
            return; // one literal, no escapes: its words were read with the statement's
        }
        // anything else (a variable, CONCAT, adjacent literals the server joins, escapes it drops) is evaluated on the
        // session about to run it, when it is made of nothing but variables, literals and CONCAT: no side effects
        String text = expression != null && session != null && depth < 3 && evaluable(expression)
                ? evaluate(expression, session) : null;
        if (text == null) {
            if (database.provider() == ProviderKind.EXISTING) {
                throw refused(statement, "it runs SQL built at run time, which the guard cannot read on the server at "
                        + database.describeServer() + ", which the harness shares and did not create",
                        database.databaseName());
            }
            return;
        }
        check(text, database, session, depth + 1);
    }

    private static final Pattern DYNAMIC = Pattern.compile(
            "(?is)^\\s*(?:PREPARE\\s+\\S+\\s+FROM|EXECUTE\\s+IMMEDIATE)\\s+(.*?)(?:\\s+USING\\s+.*)?$");
    private static final Pattern PLAIN_LITERAL = Pattern.compile("(?s)'[^'\\\\]*'|\"[^\"\\\\]*\"");
    private static final Pattern LITERAL = Pattern.compile("(?s)'(?:[^'\\\\]|\\\\.|'')*'|\"(?:[^\"\\\\]|\\\\.|\"\")*\"");
    private static final Pattern TOKEN = Pattern.compile("@@?[\\w.$]+|[A-Za-z_]\\w*|[(),]|\\s+");

    /** The text a {@code PREPARE … FROM} or {@code EXECUTE IMMEDIATE} runs, as written; null when it cannot be told. */
    private static String dynamicText(String statement) {
        Matcher m = DYNAMIC.matcher(SqlText.trimTerminator(SqlText.stripLeadingComments(statement)));
        return m.matches() ? m.group(1).strip() : null;
    }

    /** Whether an expression is only variables, literals and CONCAT/CONCAT_WS calls: evaluating it changes nothing. */
    private static boolean evaluable(String expression) {
        String rest = LITERAL.matcher(expression).replaceAll(" ");
        if (rest.contains(";")) {
            return false;
        }
        Matcher m = TOKEN.matcher(rest);
        int at = 0;
        while (m.find()) {
            if (m.start() != at) {
                return false; // a character none of the tokens allows
            }
            String token = m.group();
            if (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_') {
                if (!token.equalsIgnoreCase("CONCAT") && !token.equalsIgnoreCase("CONCAT_WS")) {
                    return false;
                }
            }
            at = m.end();
        }
        return at == rest.length();
    }

    /** The SQL an expression gives on the session about to run it; null when it cannot be read. */
    private static String evaluate(String expression, java.sql.Connection session) {
        try (java.sql.Statement st = session.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT " + expression)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (java.sql.SQLException | RuntimeException e) {
            return null;
        }
    }

    private static String nameAfter(List<String> words, int from) {
        int i = from;
        if (words.size() > i + 1 && "IF".equals(words.get(i)) && "EXISTS".equals(words.get(i + 1))) {
            i += 2;
        }
        return i < words.size() ? words.get(i) : "";
    }

    private static UnsafeOperationException refused(String statement, String why, String ownDatabase) {
        return new UnsafeOperationException("Refused to run '" + SqlText.trimTerminator(SqlText.stripLeadingComments(statement))
                + "': " + why + ". A rehearsal only touches its own database '" + ownDatabase + "'.\nTo fix this,"
                + " remove the statement from the script, or point it at objects inside the rehearsal database.");
    }
}
