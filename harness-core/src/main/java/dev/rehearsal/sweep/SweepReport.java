package dev.rehearsal.sweep;

import static java.util.Objects.requireNonNull;

import dev.rehearsal.Failure;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.internal.report.Json;
import dev.rehearsal.seed.DerivedDefect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reports of a sweep, for people and for machines: an HTML page (a verdict per migration and engine, failures
 * first, each case folded with its failing statement, line, codes, class, time and rows), a JSON file with the same
 * content (schema {@code rehearsal-sweep/1}, described in {@code docs/sweep.md}), and a short Markdown summary fit for
 * a pull-request comment or a CI job summary.
 *
 * <pre>{@code
 * SweepReport.of(List.of(onPostgres, onMariaDb)).writeTo(Path.of("target/rehearsal"));
 * }</pre>
 *
 * @since 0.1
 */
public final class SweepReport {

    /** The files {@link #writeTo(Path)} wrote. */
    public record Written(Path html, Path json, Path markdown) {
    }

    /** The value of the JSON file's {@code schema} field; it changes only when a field changes meaning or goes away. */
    public static final String SCHEMA = "rehearsal-sweep/1";

    private final List<SweepResult> results;
    private final Instant generated;

    private SweepReport(List<SweepResult> results, Instant generated) {
        this.results = results;
        this.generated = generated;
    }

    /**
     * Report these results, one per engine.
     *
     * @param results the sweeps' results; at least one
     * @return the report
     * @throws IllegalArgumentException if there is no result
     */
    public static SweepReport of(List<SweepResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("SweepReport.of(): no sweep result is given.\nTo fix this, pass the results"
                    + " of Sweep.run(...), one per engine.");
        }
        return new SweepReport(List.copyOf(results), Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Write {@code rehearsal-sweep.html}, {@code rehearsal-sweep.json} and {@code rehearsal-sweep.md} into a directory,
     * made if it does not exist.
     *
     * @param directory e.g. {@code target/rehearsal}
     * @return the files written
     * @throws RehearsalException if a file cannot be written
     */
    public Written writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            Written written = new Written(directory.resolve("rehearsal-sweep.html"), directory.resolve("rehearsal-sweep.json"),
                    directory.resolve("rehearsal-sweep.md"));
            Files.writeString(written.html(), html(), StandardCharsets.UTF_8);
            Files.writeString(written.json(), json(), StandardCharsets.UTF_8);
            Files.writeString(written.markdown(), markdown(), StandardCharsets.UTF_8);
            return written;
        } catch (IOException e) {
            throw new RehearsalException("Could not write the sweep's reports to " + directory + ": " + e.getMessage(), e);
        }
    }

    // ---- what every format says

    /** The versions in the order the sweeps met them. */
    private List<String> versions() {
        Set<String> versions = new LinkedHashSet<>();
        results.forEach(r -> r.verdicts().forEach(v -> versions.add(v.version())));
        return new ArrayList<>(versions);
    }

    /** Failing on realistic rows first, then unsafe, then safe; each group in version order. */
    private List<String> versionsFailuresFirst() {
        List<String> versions = versions();
        List<String> ordered = new ArrayList<>(versions);
        ordered.sort(Comparator.comparingInt(this::severity).thenComparingInt(versions::indexOf));
        return ordered;
    }

    private int severity(String version) {
        boolean realistic = false;
        boolean unsafe = false;
        for (SweepResult result : results) {
            Optional<MigrationVerdict> verdict = result.verdict(version);
            realistic |= verdict.map(MigrationVerdict::failsOnRealisticData).orElse(false);
            unsafe |= verdict.map(v -> !v.unsafeAgainst().isEmpty()).orElse(false);
        }
        return realistic ? 0 : unsafe ? 1 : 2;
    }

    private String script(String version) {
        return results.stream().flatMap(r -> r.verdict(version).stream()).map(MigrationVerdict::script).findFirst()
                .orElse("V" + version);
    }

    private long count(int severity) {
        return versions().stream().filter(v -> severity(v) == severity).count();
    }

    private static String state(MigrationVerdict verdict) {
        if (verdict.failsOnRealisticData()) {
            return "fails on realistic data";
        }
        int unsafe = verdict.unsafeAgainst().size();
        if (unsafe > 0) {
            return "needs a data fix: fails on " + unsafe + " of " + verdict.defects().size() + " defect(s)";
        }
        return verdict.defects().isEmpty() ? "safe: passes on realistic rows, asks nothing new of them"
                : "safe against " + verdict.defects().size() + " defect(s)";
    }

    /** What a cell says for a version an engine's sweep has no verdict for. */
    private static String absent(SweepResult result) {
        return result.stopped().isPresent() ? "not swept: the sweep stopped before it" : "not in this engine's history";
    }

    // ---- JSON

    /**
     * Return the JSON report.
     *
     * @return the JSON text
     */
    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA);
        root.put("generated", generated.toString());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("migrations", versions().size());
        summary.put("failingOnRealisticData", count(0));
        summary.put("needingADataFix", count(1));
        summary.put("safe", count(2));
        root.put("summary", summary);
        List<Object> engines = new ArrayList<>();
        for (SweepResult result : results) {
            Map<String, Object> engine = new LinkedHashMap<>();
            engine.put("engine", result.engine().displayName());
            engine.put("server", result.server());
            engine.put("migrations", result.migrations());
            engine.put("durationMs", result.duration().toMillis());
            engine.put("stopped", result.stopped());
            engine.put("repeatables", result.repeatables().name());
            List<Object> verdicts = new ArrayList<>();
            for (MigrationVerdict verdict : result.verdicts()) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("version", verdict.version());
                v.put("script", verdict.script());
                v.put("checksum", verdict.checksum());
                v.put("safe", verdict.isSafe());
                v.put("failsOnRealisticData", verdict.failsOnRealisticData());
                v.put("realistic", json(verdict.realistic()));
                v.put("defects", verdict.defects().stream().map(SweepReport::json).toList());
                v.put("notDerivable", verdict.notDerivable());
                verdicts.add(v);
            }
            engine.put("verdicts", verdicts);
            engines.add(engine);
        }
        root.put("engines", engines);
        return Json.write(root);
    }

    private static Map<String, Object> json(CaseResult c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", c.name());
        json.put("defect", c.defect().map(SweepReport::json).orElse(null));
        json.put("outcome", c.outcome().name());
        json.put("note", c.note());
        json.put("rowsSeeded", c.rowsSeeded());
        json.put("plantedRows", c.plantedRows());
        json.put("durationMs", c.duration().toMillis());
        json.put("failure", c.failure().map(SweepReport::json).orElse(null));
        return json;
    }

    private static Map<String, Object> json(DerivedDefect d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", d.defect().kind().name());
        json.put("table", d.defect().table());
        json.put("columns", d.defect().columns());
        json.put("reason", d.reason());
        return json;
    }

    private static Map<String, Object> json(Failure f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("script", f.script());
        json.put("statementIndex", f.statementIndex());
        json.put("line", f.line());
        json.put("statement", f.statement());
        json.put("sqlState", f.sqlState());
        json.put("vendorCode", f.vendorCode());
        json.put("failureClass", f.failureClass().name());
        json.put("message", f.message());
        json.put("detail", f.detail());
        json.put("constraint", f.constraint());
        json.put("table", f.table());
        json.put("column", f.column());
        return json;
    }

    // ---- Markdown

    /**
     * Return the Markdown summary: counts, a table of every migration and engine (failures first), and a line per
     * failing case.
     *
     * @return the Markdown text
     */
    public String markdown() {
        StringBuilder md = new StringBuilder("### Rehearsal sweep: ").append(versions().size()).append(" migration(s) on ")
                .append(String.join(", ", results.stream().map(r -> r.engine().displayName()).toList())).append("\n\n");
        md.append("**").append(count(0)).append(" fail on realistic data · ").append(count(1))
                .append(" need a data fix first · ").append(count(2)).append(" safe**\n\n");
        md.append("| Migration |");
        results.forEach(r -> md.append(' ').append(r.engine().displayName()).append(" |"));
        md.append("\n|---|");
        results.forEach(r -> md.append("---|"));
        md.append('\n');
        for (String version : versionsFailuresFirst()) {
            md.append("| ").append(cell(script(version))).append(" |");
            for (SweepResult result : results) {
                md.append(' ').append(result.verdict(version).map(v -> (v.failsOnRealisticData() ? "❌ " : v.isSafe()
                        ? "✅ " : "⚠️ ") + state(v)).orElse(absent(result))).append(" |");
            }
            md.append('\n');
        }
        List<String> details = new ArrayList<>();
        for (String version : versionsFailuresFirst()) {
            for (SweepResult result : results) {
                result.verdict(version).ifPresent(v -> {
                    List<CaseResult> failing = new ArrayList<>();
                    if (v.failsOnRealisticData()) {
                        failing.add(v.realistic());
                    }
                    failing.addAll(v.unsafeAgainst());
                    for (CaseResult c : failing) {
                        details.add("- **" + cell(v.script()) + "** on " + result.engine().displayName() + ", " + cell(c.name())
                                + ": " + cell(c.summary()));
                    }
                });
            }
        }
        if (!details.isEmpty()) {
            md.append("\n<details><summary>").append(details.size()).append(" failing case(s)</summary>\n\n");
            details.forEach(d -> md.append(d).append('\n'));
            md.append("\n</details>\n");
        }
        md.append("\n").append(results.stream().map(r -> r.engine().displayName() + ": " + r.repeatables().describe())
                .distinct().reduce((a, b) -> a + "; " + b).orElse("")).append(".\n");
        results.stream().filter(r -> r.stopped().isPresent()).forEach(r -> md.append("\n> ").append(r.engine()
                .displayName()).append(": ").append(cell(r.stopped().get().lines().findFirst().orElse(""))).append('\n'));
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ").replace("`", "'");
    }

    // ---- HTML

    /**
     * Return the HTML page: self-contained (no network), readable without its script, which only counts and folds.
     *
     * @return the HTML text
     */
    public String html() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Rehearsal sweep: ").append(versions().size()).append(" migration(s)</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n<header>\n<h1>Rehearsal sweep</h1>\n<p class=\"meta\">")
                .append(versions().size()).append(" migration(s) on ")
                .append(esc(String.join(", ", results.stream().map(SweepResult::server).toList())))
                .append(" · generated ").append(esc(generated.toString())).append(" · ")
                .append(esc(results.get(0).repeatables().describe())).append("</p>\n<p class=\"counts\">")
                .append("<span class=\"badge bad\" id=\"count-realistic\">").append(count(0))
                .append(" fail on realistic data</span> <span class=\"badge warn\" id=\"count-unsafe\">").append(count(1))
                .append(" need a data fix first</span> <span class=\"badge ok\" id=\"count-safe\">").append(count(2))
                .append(" safe</span></p>\n");
        results.stream().filter(r -> r.stopped().isPresent()).forEach(r -> h.append("<p class=\"stopped\">")
                .append(esc(r.engine().displayName())).append(": ").append(esc(r.stopped().get())).append("</p>\n"));
        h.append("</header>\n<main>\n<table class=\"overview\">\n<thead><tr><th>Migration</th>");
        results.forEach(r -> h.append("<th>").append(esc(r.engine().displayName())).append("</th>"));
        h.append("</tr></thead>\n<tbody>\n");
        for (String version : versionsFailuresFirst()) {
            h.append("<tr data-severity=\"").append(severity(version)).append("\"><td><a href=\"#v").append(esc(version))
                    .append("\">").append(esc(script(version))).append("</a></td>");
            for (SweepResult result : results) {
                h.append(result.verdict(version).map(v -> "<td class=\"" + cls(v) + "\">" + esc(state(v)) + "</td>")
                        .orElse("<td class=\"none\">" + esc(absent(result)) + "</td>"));
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        for (String version : versionsFailuresFirst()) {
            int severity = severity(version);
            h.append("<section class=\"migration\" id=\"v").append(esc(version)).append("\" data-severity=\"")
                    .append(severity).append("\">\n<h2>").append(esc(script(version))).append("</h2>\n");
            for (SweepResult result : results) {
                Optional<MigrationVerdict> found = result.verdict(version);
                if (found.isEmpty()) {
                    continue;
                }
                MigrationVerdict v = found.get();
                h.append("<div class=\"engine\">\n<h3><span class=\"badge ").append(cls(v)).append("\">")
                        .append(esc(result.engine().displayName())).append("</span> ").append(esc(state(v)))
                        .append("</h3>\n");
                caseHtml(h, v.realistic(), "realistic rows");
                v.defects().forEach(c -> caseHtml(h, c, "derived defect"));
                if (!v.notDerivable().isEmpty()) {
                    h.append("<ul class=\"not-derivable\">\n");
                    v.notDerivable().forEach(n -> h.append("<li>not derivable: ").append(esc(n)).append("</li>\n"));
                    h.append("</ul>\n");
                }
                h.append("</div>\n");
            }
            h.append("</section>\n");
        }
        h.append("</main>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String cls(MigrationVerdict v) {
        return v.failsOnRealisticData() ? "bad" : v.isSafe() ? "ok" : "warn";
    }

    private static void caseHtml(StringBuilder h, CaseResult c, String what) {
        boolean failed = c.outcome() == CaseResult.Outcome.FAILED;
        h.append("<details class=\"case ").append(c.outcome().name().toLowerCase(Locale.ROOT)).append('"')
                .append(failed ? " open" : "").append(">\n<summary><span class=\"outcome\">").append(c.outcome())
                .append("</span> ").append(esc(c.name())).append(" <span class=\"what\">").append(what)
                .append(String.format(Locale.ROOT, ", %.1f s, %d row(s)", c.duration().toMillis() / 1000.0, c.rowsSeeded()))
                .append("</span></summary>\n<dl>\n");
        c.defect().ifPresent(d -> dt(h, "derived because", d.reason()));
        if (!c.note().isEmpty()) {
            dt(h, "meaning", c.note());
        }
        c.failure().ifPresent(f -> {
            f.script().ifPresent(s -> dt(h, "script", s));
            if (f.statementIndex().isPresent()) {
                dt(h, "statement", f.statementIndex().getAsInt() + (f.line().isPresent() ? ", line " + f.line().getAsInt() : ""));
            }
            f.sqlState().ifPresent(s -> dt(h, "SQLSTATE", s));
            if (f.vendorCode().isPresent()) {
                dt(h, "vendor code", String.valueOf(f.vendorCode().getAsInt()));
            }
            dt(h, "class", f.failureClass().name());
            dt(h, "message", f.message());
            f.detail().ifPresent(d -> dt(h, "detail", d));
            f.constraint().ifPresent(k -> dt(h, "constraint", k));
        });
        if (!c.plantedRows().isEmpty()) {
            dt(h, "planted in", String.join(", ", c.plantedRows()));
        }
        h.append("</dl>\n");
        c.failure().flatMap(Failure::statement).ifPresent(s -> h.append("<pre class=\"statement\">").append(esc(s))
                .append("</pre>\n"));
        h.append("</details>\n");
    }

    private static void dt(StringBuilder h, String term, String value) {
        h.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
    }

    private static String esc(String text) {
        return dev.rehearsal.internal.report.Html.esc(text);
    }

    private static final String CSS = """
            body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
            header, main { max-width: 1100px; margin: 0 auto; padding: 16px 24px; }
            h1 { margin: 8px 0 4px; } h2 { font-size: 18px; margin: 0 0 8px; } h3 { font-size: 15px; margin: 12px 0 6px; }
            .meta { color: #5a6270; margin: 0 0 8px; }
            .badge { display: inline-block; padding: 2px 8px; border-radius: 10px; font-weight: 600; font-size: 13px; }
            .bad { background: #fde2e1; color: #9b1c1c; } .warn { background: #fdf0d5; color: #8a5300; }
            .ok { background: #dff3e4; color: #1b6b35; } .none { color: #8a919c; }
            .stopped { background: #fde2e1; padding: 8px 12px; border-radius: 6px; }
            table.overview { border-collapse: collapse; width: 100%; background: #fff; margin: 8px 0 24px; }
            table.overview th, table.overview td { border: 1px solid #dde1e6; padding: 6px 10px; text-align: left; }
            table.overview td.bad, table.overview td.warn, table.overview td.ok { font-weight: 600; }
            section.migration { background: #fff; border: 1px solid #dde1e6; border-radius: 8px; padding: 12px 16px;
                margin: 0 0 16px; }
            details.case { border-left: 4px solid #c9ced6; margin: 6px 0; padding: 4px 10px; }
            details.case.failed { border-color: #d64545; } details.case.passed { border-color: #3a9b5c; }
            details.case.not_run { border-color: #8a919c; }
            summary { cursor: pointer; } .outcome { font-weight: 700; } .what { color: #5a6270; font-size: 13px; }
            dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
            dt { color: #5a6270; } dd { margin: 0; word-break: break-word; }
            pre.statement { background: #f1f3f5; padding: 8px; overflow-x: auto; white-space: pre-wrap; }
            ul.not-derivable { color: #5a6270; }
            """;

    /** Marks the page as rendered, or records a script error: what the browser check in CI reads. */
    private static final String SCRIPT = """
            window.addEventListener('error', function (e) {
              document.documentElement.setAttribute('data-script-error', String(e.message));
            });
            (function () {
              var failing = document.querySelectorAll('section.migration[data-severity="0"], section.migration[data-severity="1"]');
              document.documentElement.setAttribute('data-failing-migrations', String(failing.length));
              document.documentElement.setAttribute('data-rendered', 'true');
            })();
            """;
}
