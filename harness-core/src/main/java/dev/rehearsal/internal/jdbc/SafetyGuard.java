package dev.rehearsal.internal.jdbc;

import dev.rehearsal.DatabaseInfo;
import dev.rehearsal.Engine;
import dev.rehearsal.ProviderKind;
import dev.rehearsal.UnsafeOperationException;
import java.util.List;
import java.util.Locale;
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

    private static final Pattern ENDS_SESSIONS = Pattern.compile("\\bPG_(TERMINATE|CANCEL)_BACKEND\\s*\\(");

    private SafetyGuard() {
    }

    /**
     * @param statement the statement about to run
     * @param database the rehearsal database, the only one statements may act on
     * @throws UnsafeOperationException if the statement targets another database, or the shared server
     */
    public static void check(String statement, DatabaseInfo database) {
        Engine engine = database.engine();
        String ownDatabase = database.databaseName();
        List<String> words = SqlText.leadingWords(statement, 64, engine);
        if (words.isEmpty()) {
            return;
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
        boolean runsNow = List.of("SELECT", "DO", "CALL", "WITH", "PERFORM", "EXECUTE").contains(first);
        if ("KILL".equals(first) || "SHUTDOWN".equals(first)
                || runsNow && ENDS_SESSIONS.matcher(statement.toUpperCase(Locale.ROOT)).find()) {
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
