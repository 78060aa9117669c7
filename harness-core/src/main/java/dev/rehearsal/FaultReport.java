package dev.rehearsal;

import static java.util.Objects.requireNonNull;

import dev.rehearsal.internal.report.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A page for what faults and locks did, for a person to look at and a machine to read: each write load as a timeline of
 * every write's wait (the spans the writes were held up shaded), and each migration cut at every statement boundary as
 * a table (the cuts a recovery does not survive marked). Written as {@code rehearsal-faults.html} and
 * {@code rehearsal-faults.json} ({@code "format": "rehearsal-faults/1"}).
 * <pre>{@code
 * FaultReport.titled("V7 under load and cuts")
 *         .with("V7 index build", waits)
 *         .with(rehearsal.cutAtEachStatement("7", Recovery.RESUME))
 *         .writeTo(Path.of("target/rehearsal"));
 * }</pre>
 *
 * @since 0.1
 */
public final class FaultReport {

    private final String title;
    private final Map<String, WriteWaits> loads;
    private final List<CutPoints> cuts;
    private final Instant generated;

    private FaultReport(String title, Map<String, WriteWaits> loads, List<CutPoints> cuts) {
        this.title = title;
        this.loads = loads;
        this.cuts = cuts;
        this.generated = Instant.now();
    }

    /**
     * Start a report.
     *
     * @param title what the page is about; must not be {@code null}
     * @return an empty report; never {@code null}
     */
    public static FaultReport titled(String title) {
        return new FaultReport(requireNonNull(title, "title"), Map.of(), List.of());
    }

    /**
     * Return this report with a write load's waits.
     *
     * @param label what ran while the load did, e.g. {@code "V7 index build"}; must not be {@code null}
     * @param waits what {@link RunningWrites#stop()} reported; must not be {@code null}
     * @return the report with it; never {@code null}
     */
    public FaultReport with(String label, WriteWaits waits) {
        Map<String, WriteWaits> more = new LinkedHashMap<>(loads);
        more.put(requireNonNull(label, "label"), requireNonNull(waits, "waits"));
        return new FaultReport(title, more, cuts);
    }

    /**
     * Return this report with a migration cut at every statement boundary.
     *
     * @param points what {@link Rehearsal#cutAtEachStatement} returned; must not be {@code null}
     * @return the report with it; never {@code null}
     */
    public FaultReport with(CutPoints points) {
        List<CutPoints> more = new ArrayList<>(cuts);
        more.add(requireNonNull(points, "points"));
        return new FaultReport(title, loads, more);
    }

    /**
     * Write the page and its JSON into a folder, created if missing.
     *
     * @param directory the folder; must not be {@code null}
     * @return the page's path
     * @throws RehearsalException if the files cannot be written
     */
    public Path writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            Path html = directory.resolve("rehearsal-faults.html");
            Files.writeString(html, html(), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("rehearsal-faults.json"), json(), StandardCharsets.UTF_8);
            return html;
        } catch (IOException e) {
            throw new RehearsalException("Could not write the fault report to " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Return the report as JSON.
     *
     * @return the JSON text; never {@code null}
     */
    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "rehearsal-faults/1");
        root.put("title", title);
        root.put("generated", generated.toString());
        List<Object> writeLoads = new ArrayList<>();
        loads.forEach((label, w) -> {
            Map<String, Object> load = new LinkedHashMap<>();
            load.put("label", label);
            load.put("load", w.load().toString());
            load.put("writes", w.writes());
            load.put("refused", w.failed());
            load.put("longestMs", w.longest().toMillis());
            load.put("p99Ms", w.p99().toMillis());
            load.put("medianMs", w.median().toMillis());
            load.put("longestByTableMs", millis(w.longestByTable()));
            load.put("heldUpByTableMs", millis(w.blockedByTable()));
            load.put("timeline", w.timeline().stream().map(write -> {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("table", write.table());
                one.put("dueMs", write.due().toMillis());
                one.put("waitedMs", write.waited().toMillis());
                one.put("refused", write.refused());
                return (Object) one;
            }).toList());
            writeLoads.add(load);
        });
        root.put("writeLoads", writeLoads);
        root.put("cutPoints", cuts.stream().map(c -> {
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("version", c.version());
            table.put("recovery", c.recovery().name());
            table.put("converging", c.points().size() - c.notConverging().size());
            table.put("points", c.points().stream().map(p -> {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("statement", p.statement());
                point.put("before", p.statementText());
                point.put("left", p.left());
                point.put("recovery", recovery(p));
                point.put("converged", p.converged());
                point.put("divergence", p.divergence().orElse(null));
                return (Object) point;
            }).toList());
            return (Object) table;
        }).toList());
        return Json.write(root);
    }

    /**
     * Return the report as an HTML page.
     *
     * @return the page; never {@code null}
     */
    public String html() {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<header>\n")
                .append("<h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">").append(loads.size())
                .append(" write load(s) · ").append(cuts.size()).append(" cut table(s) · generated ")
                .append(esc(generated.toString())).append("</p>\n</header>\n<main>\n");
        loads.forEach((label, w) -> load(h, label, w));
        cuts.forEach(c -> cuts(h, c));
        return h.append("</main>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n").toString();
    }

    private static void load(StringBuilder h, String label, WriteWaits w) {
        h.append("<section class=\"load\">\n<h2>").append(esc(label)).append("</h2>\n<p>").append(esc(w.toString()))
                .append("</p>\n");
        long span = Math.max(1, w.timeline().stream().mapToLong(x -> x.due().plus(x.waited()).toMillis()).max().orElse(1));
        long top = Math.max(1, w.longest().toMillis());
        int width = 960;
        int height = 220;
        h.append("<svg class=\"timeline\" viewBox=\"0 0 ").append(width + 60).append(' ').append(height + 40)
                .append("\" role=\"img\" aria-label=\"wait of each write over time\">\n");
        // the spans the writes were held up, shaded, from the writes that waited over 50 ms
        for (long[] held : heldSpans(w)) {
            h.append(String.format(Locale.ROOT, "<rect class=\"held\" x=\"%.1f\" y=\"10\" width=\"%.1f\" height=\"%d\"/>%n",
                    50 + held[0] * (double) width / span, Math.max(1, (held[1] - held[0]) * (double) width / span), height));
        }
        h.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"50\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
                height + 10, width + 50, height + 10));
        h.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"50\" y1=\"10\" x2=\"50\" y2=\"%d\"/>%n", height + 10));
        h.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"18\">%d ms</text><text x=\"4\" y=\"%d\">0</text>"
                + "<text x=\"%d\" y=\"%d\">%d ms</text>%n", top, height + 10, width + 10, height + 34, span));
        for (WriteWaits.Write write : w.timeline()) {
            double x = 50 + write.due().toMillis() * (double) width / span;
            double y = 10 + height - write.waited().toMillis() * (double) height / top;
            h.append(String.format(Locale.ROOT, "<circle class=\"write%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"><title>%s: due"
                    + " at %d ms, waited %d ms%s</title></circle>%n", write.refused() ? " refused" : "", x, y,
                    esc(write.table()), write.due().toMillis(), write.waited().toMillis(), write.refused() ? ", refused" : ""));
        }
        h.append("</svg>\n<table><thead><tr><th>table</th><th>longest wait</th><th>held up</th></tr></thead><tbody>\n");
        w.longestByTable().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> h.append("<tr><td>")
                .append(esc(e.getKey())).append("</td><td>").append(e.getValue().toMillis()).append(" ms</td><td>")
                .append(w.blockedByTable().getOrDefault(e.getKey(), Duration.ZERO).toMillis()).append(" ms</td></tr>\n"));
        h.append("</tbody></table>\n</section>\n");
    }

    private static void cuts(StringBuilder h, CutPoints c) {
        int bad = c.notConverging().size();
        h.append("<section class=\"cuts\" data-not-converging=\"").append(bad).append("\">\n<h2>V").append(esc(c.version()))
                .append(" cut at each statement boundary · recovery: ").append(esc(c.recovery().toString()))
                .append("</h2>\n<p><span class=\"badge ").append(bad == 0 ? "ok" : "bad").append("\">")
                .append(c.points().size() - bad).append(" of ").append(c.points().size())
                .append(" converge with an uncut run</span></p>\n<table><thead><tr><th>cut before</th><th>statement</th>"
                        + "<th>left by the cut</th><th>recovery</th><th>converged</th></tr></thead><tbody>\n");
        for (CutPoint p : c.points()) {
            h.append("<tr class=\"").append(p.converged() ? "converged" : "diverged").append("\"><td>").append(p.statement())
                    .append("</td><td><code>").append(esc(p.statementText())).append("</code></td><td>").append(esc(p.left()))
                    .append("</td><td>").append(recovery(p)).append("</td><td>")
                    .append(p.converged() ? "yes" : "no: " + esc(p.divergence().orElse(""))).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n</section>\n");
    }

    private static String recovery(CutPoint p) {
        return p.recovery().map(r -> r.succeeded() ? "succeeded" : "failed").orElse("refused");
    }

    /** The union of the spans the writes that waited over 50 ms were held, in ms from the start of the load. */
    private static List<long[]> heldSpans(WriteWaits w) {
        List<long[]> spans = new ArrayList<>(w.timeline().stream().filter(x -> x.waited().toMillis() > 50)
                .map(x -> new long[] {x.due().toMillis(), x.due().plus(x.waited()).toMillis()}).toList());
        spans.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] span : spans) {
            if (!merged.isEmpty() && span[0] <= merged.get(merged.size() - 1)[1]) {
                merged.get(merged.size() - 1)[1] = Math.max(merged.get(merged.size() - 1)[1], span[1]);
            } else {
                merged.add(span.clone());
            }
        }
        return merged;
    }

    private static Map<String, Long> millis(Map<String, Duration> byTable) {
        Map<String, Long> out = new LinkedHashMap<>();
        byTable.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put(e.getKey(), e.getValue().toMillis()));
        return out;
    }

    private static String esc(String text) {
        return dev.rehearsal.internal.report.Html.esc(text);
    }

    private static final String CSS = """
            body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
            header, main { max-width: 1100px; margin: 0 auto; padding: 16px 24px; }
            h1 { margin: 8px 0 4px; } h2 { font-size: 18px; margin: 0 0 8px; }
            .meta { color: #5a6270; margin: 0 0 8px; }
            section { background: #fff; border: 1px solid #dde1e6; border-radius: 8px; padding: 12px 16px; margin: 0 0 16px; }
            svg.timeline { width: 100%; height: auto; background: #fbfcfd; }
            svg text { font-size: 11px; fill: #5a6270; } .axis { stroke: #8a919c; }
            rect.held { fill: #fde2e1; } circle.write { fill: #2f6fb3; } circle.write.refused { fill: #d64545; }
            table { border-collapse: collapse; width: 100%; margin: 8px 0; }
            th, td { border: 1px solid #dde1e6; padding: 5px 8px; text-align: left; vertical-align: top; }
            tr.diverged td { background: #fdf0ef; } code { white-space: pre-wrap; word-break: break-word; }
            .badge { display: inline-block; padding: 2px 8px; border-radius: 10px; font-weight: 600; font-size: 13px; }
            .bad { background: #fde2e1; color: #9b1c1c; } .ok { background: #dff3e4; color: #1b6b35; }
            """;

    /** Marks the page as rendered with what it shows, or records a script error: what the browser check in CI reads. */
    private static final String SCRIPT = """
            window.addEventListener('error', function (e) {
              document.documentElement.setAttribute('data-script-error', String(e.message));
            });
            (function () {
              var writes = document.querySelectorAll('svg.timeline circle.write').length;
              var diverged = document.querySelectorAll('section.cuts tr.diverged').length;
              document.documentElement.setAttribute('data-writes', String(writes));
              document.documentElement.setAttribute('data-diverging-cuts', String(diverged));
              document.documentElement.setAttribute('data-rendered', 'true');
            })();
            """;
}
