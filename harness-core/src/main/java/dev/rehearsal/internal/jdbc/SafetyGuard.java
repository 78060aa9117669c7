package dev.rehearsal.internal.jdbc;

import dev.rehearsal.Engine;
import dev.rehearsal.UnsafeOperationException;
import java.util.List;

/**
 * Refuses statements that would act on a database the harness did not create: dropping another database,
 * or switching the session to one.
 *
 * <p>Checked before each statement the harness runs for a test, migrations included, so a dump or script
 * written for another environment cannot touch the server's other databases.
 */
public final class SafetyGuard {

    private SafetyGuard() {
    }

    /**
     * @param statement the statement about to run
     * @param engine the engine of the rehearsal database
     * @param ownDatabase the name of the rehearsal database, the only one statements may act on
     * @throws UnsafeOperationException if the statement targets another database
     */
    public static void check(String statement, Engine engine, String ownDatabase) {
        List<String> words = SqlText.leadingWords(statement, 5);
        if (words.size() < 2) {
            return;
        }
        String first = words.get(0);
        String second = words.get(1);
        if ("DROP".equals(first) && ("DATABASE".equals(second) || (engine.isMysqlFamily() && "SCHEMA".equals(second)))) {
            String target = nameAfter(words, 2);
            boolean own = engine.isMysqlFamily() && target.equalsIgnoreCase(ownDatabase);
            if (!own) {
                throw refused(statement, target, ownDatabase);
            }
        }
        if (engine.isMysqlFamily() && "USE".equals(first) && !second.equalsIgnoreCase(ownDatabase)) {
            throw refused(statement, second, ownDatabase);
        }
    }

    private static String nameAfter(List<String> words, int from) {
        int i = from;
        if (words.size() > i + 1 && "IF".equals(words.get(i)) && "EXISTS".equals(words.get(i + 1))) {
            i += 2;
        }
        return i < words.size() ? words.get(i) : "";
    }

    private static UnsafeOperationException refused(String statement, String target, String ownDatabase) {
        return new UnsafeOperationException("Refused to run '" + SqlText.trimTerminator(SqlText.stripLeadingComments(statement))
                + "': it acts on database '" + target + "', which the harness did not create. A rehearsal only"
                + " touches its own database '" + ownDatabase + "'.\nTo fix this, remove the statement from the"
                + " script, or point it at objects inside the rehearsal database.");
    }
}
