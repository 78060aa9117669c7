package dev.rehearsal;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * A migration cut at each statement boundary in turn, each cut recovered and compared with an uncut run from the same
 * rows: the table {@link Rehearsal#cutAtEachStatement} returns. A migration that cannot be run again safely after a cut
 * at k is named with k by {@link #notConverging()}, and in the printed table.
 *
 * @param version the migration's version
 * @param recovery what was run after each cut
 * @param points one per boundary: before each statement, and after the last one
 * @since 0.1
 */
public record CutPoints(String version, Recovery recovery, List<CutPoint> points) {

    /**
     * Create the table.
     *
     * @param version the migration's version
     * @param recovery what was run after each cut
     * @param points one per boundary
     * @throws NullPointerException if a component is {@code null}
     */
    public CutPoints {
        requireNonNull(version, "version");
        requireNonNull(recovery, "recovery");
        points = List.copyOf(points);
    }

    /**
     * Tell whether the recovery converged after every cut.
     *
     * @return {@code true} if it did
     */
    public boolean allConverge() {
        return points.stream().allMatch(CutPoint::converged);
    }

    /**
     * Return the cuts after which the recovery did not converge.
     *
     * @return those cut points, in order; empty when all converge
     */
    public List<CutPoint> notConverging() {
        return points.stream().filter(p -> !p.converged()).toList();
    }

    /** The table: one line per cut, what it left, how the recovery went, and whether it converged. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "V%s cut at each of %d boundaries, recovery: %s;"
                + " %d of %d converge with an uncut run%n", version, points.size(), recovery,
                points.size() - notConverging().size(), points.size()));
        text.append(String.format(Locale.ROOT, "  %-4s %-42s %-50s %-10s %s%n", "cut", "before", "left by the cut",
                "recovery", "converged"));
        for (CutPoint p : points) {
            String recovered = p.recovery().map(r -> r.succeeded() ? "succeeded" : "failed").orElse("refused");
            text.append(String.format(Locale.ROOT, "  %-4d %-42s %-50s %-10s %s%n", p.statement(),
                    shorten(p.statementText(), 42), shorten(p.left(), 50), recovered,
                    p.converged() ? "yes" : "NO: " + p.divergence().orElse("")));
        }
        return text.toString();
    }

    private static String shorten(String text, int width) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= width ? line : line.substring(0, width - 1) + "…";
    }
}
