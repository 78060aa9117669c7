package dev.rehearsal.sweep;

import static java.util.Objects.requireNonNull;

import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The findings of migrations already released, recorded so that a sweep fails a pull request only on what it adds.
 * A plain text file, one finding per line (engine, version, Flyway checksum, case), meant to be committed and reviewed:
 *
 * <pre>
 * rehearsal-sweep-baseline/1
 * PostgreSQL	3	1482077925	realistic rows	V3__note_required.sql fails on realistic rows: ...
 * </pre>
 *
 * A migration the baseline pins whose checksum changed since is refused, naming it: released migrations are not
 * edited; roll forward with a new one.
 *
 * @since 0.1
 */
public final class SweepBaseline {

    /** The first line of a baseline file. */
    public static final String FORMAT = "rehearsal-sweep-baseline/1";

    /** One finding: an engine's migration failed a case. */
    record Finding(String engine, String version, String checksum, String caseName, String script, String why) {

        boolean isRealistic() {
            return caseName.equals("realistic rows");
        }

        boolean sameAs(Finding other) {
            return engine.equalsIgnoreCase(other.engine) && version.equals(other.version) && caseName.equals(other.caseName);
        }

        String describe() {
            return engine + " " + script + " fails on " + caseName + ": " + why;
        }

        String line() {
            return String.join("\t", engine, version, checksum, caseName, (script + ": " + why).replace('\t', ' ')
                    .replace('\n', ' '));
        }
    }

    private final List<Finding> findings;
    private final String source;

    private SweepBaseline(List<Finding> findings, String source) {
        this.findings = List.copyOf(findings);
        this.source = source;
    }

    /**
     * Record every finding of these results: realistic-data failures and unsafe defect cases.
     *
     * @param results the sweep's results, one per engine
     * @return the baseline
     */
    public static SweepBaseline of(List<SweepResult> results) {
        List<Finding> findings = new ArrayList<>();
        results.forEach(r -> findings.addAll(findings(r)));
        return new SweepBaseline(findings, "the sweep");
    }

    /**
     * Read a baseline file.
     *
     * @param file the file; see the class description for its format
     * @return the baseline
     * @throws RehearsalConfigurationException if the file is missing or not a baseline, naming the line
     */
    public static SweepBaseline read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RehearsalConfigurationException("The sweep baseline " + file + " cannot be read: " + e.getMessage()
                    + ".\nTo fix this, record one with SweepBaseline.of(results).writeTo(" + file + ") (the Maven goal:"
                    + " -Drehearsal.sweep.recordBaseline=true), or leave the baseline out.", e);
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals(FORMAT)) {
            throw new RehearsalConfigurationException("The file " + file + " is not a sweep baseline: its first line is not"
                    + " \"" + FORMAT + "\".\nTo fix this, point the baseline at a file the sweep recorded.");
        }
        List<Finding> findings = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", 5);
            if (fields.length < 4) {
                throw new RehearsalConfigurationException("Line " + (i + 1) + " of the sweep baseline " + file + " is not"
                        + " engine<TAB>version<TAB>checksum<TAB>case: \"" + line + "\".\nTo fix this, record the baseline"
                        + " again rather than editing it by hand.");
            }
            findings.add(new Finding(fields[0], fields[1], fields[2], fields[3], "V" + fields[1],
                    fields.length > 4 ? fields[4] : ""));
        }
        return new SweepBaseline(findings, file.toString());
    }

    /**
     * Write the baseline to a file, made with its directories if need be.
     *
     * @param file where
     * @return the file
     * @throws RehearsalException if it cannot be written
     */
    public Path writeTo(Path file) {
        StringBuilder text = new StringBuilder(FORMAT).append('\n').append("# the findings of released migrations:"
                + " a sweep fails only on findings not listed here. Engine, version, Flyway checksum, case, what failed.\n");
        findings.forEach(f -> text.append(f.line()).append('\n'));
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new RehearsalException("Could not write the sweep baseline " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Return the number of findings recorded.
     *
     * @return the count
     */
    public int size() {
        return findings.size();
    }

    boolean contains(Finding finding) {
        return findings.stream().anyMatch(f -> f.sameAs(finding));
    }

    /** Refuse a baseline that pins a migration whose script changed since it was recorded. */
    void requireUnchanged(List<SweepResult> results) {
        Set<String> reported = new LinkedHashSet<>();
        for (SweepResult result : results) {
            for (MigrationVerdict verdict : result.verdicts()) {
                String checksum = checksum(verdict);
                for (Finding finding : findings) {
                    if (finding.engine().equalsIgnoreCase(result.engine().displayName())
                            && finding.version().equals(verdict.version()) && !finding.checksum().equals(checksum)
                            && reported.add(verdict.version())) {
                        throw new RehearsalConfigurationException("The sweep baseline " + source + " records "
                                + verdict.script() + " with checksum " + finding.checksum() + ", and the script now has "
                                + checksum + ": it changed since the baseline was recorded.\nTo fix this, restore the"
                                + " script as it was released and roll forward with a new migration (released"
                                + " migrations are not edited); if it was never released, record the baseline again.");
                    }
                }
            }
        }
    }

    static List<Finding> findings(SweepResult result) {
        List<Finding> findings = new ArrayList<>();
        String engine = result.engine().displayName();
        for (MigrationVerdict verdict : result.verdicts()) {
            List<CaseResult> failing = new ArrayList<>();
            if (verdict.failsOnRealisticData()) {
                failing.add(verdict.realistic());
            }
            failing.addAll(verdict.unsafeAgainst());
            for (CaseResult c : failing) {
                String why = c.summary();
                findings.add(new Finding(engine, verdict.version(), checksum(verdict), c.name(), verdict.script(), why));
            }
        }
        return findings;
    }

    private static String checksum(MigrationVerdict verdict) {
        return verdict.checksum().isPresent() ? String.valueOf(verdict.checksum().getAsInt()) : "-";
    }

    @Override
    public String toString() {
        return "SweepBaseline[" + findings.size() + " finding(s) from " + source + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SweepBaseline b && b.findings.equals(findings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(findings);
    }
}
