package dev.rehearsal.internal.state;

import dev.rehearsal.RehearsalException;
import dev.rehearsal.internal.DefaultRehearsal;
import dev.rehearsal.internal.flyway.FlywaySteps;
import dev.rehearsal.internal.flyway.MigrationSettings;
import dev.rehearsal.internal.server.JdbcServer;
import dev.rehearsal.internal.server.RehearsalDatabase;
import dev.rehearsal.seed.SeedReport;
import dev.rehearsal.seed.SeededState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The states of one server, each built once and copied for every rehearsal that starts from an equal one.
 *
 * <p>A state is keyed by what makes it: the migration settings (where they were declared aside), what Flyway resolves
 * from the locations up to the state's version (each script's version, name and checksum, and every repeatable one's),
 * the version, and the seed plan with its derived-defect choice; the server is this cache's own. A script changed
 * during the run gives a new key, so a stale state is never copied. The first rehearsal of a key builds it in a
 * database of its own (the template), which no rehearsal ever uses; parallel rehearsals of the same key wait for that
 * build; a build that fails is not cached, and every waiting rehearsal fails with its verdict. At most
 * {@value #MAX_STATES} states are kept: beyond, the least recently used one that no copy is reading is dropped. Closing
 * the cache drops every state.
 *
 * <p>Thread-safe.
 */
public final class StateCache implements AutoCloseable {

    /** How many states a server keeps at most. */
    static final int MAX_STATES = 24;

    private final JdbcServer server;
    private final Map<Key, Entry> states = new HashMap<>(); // guarded by this
    private final Map<MigrationSettings, FlywaySteps> resolvers = new ConcurrentHashMap<>();
    private final Map<MigrationSettings, Resolved> resolved = new ConcurrentHashMap<>();
    private RehearsalDatabase probe; // guarded by this
    private final List<RehearsalDatabase> undropped = new ArrayList<>(); // guarded by this
    private boolean closed; // guarded by this

    /** What makes a state. */
    record Key(MigrationSettings settings, List<String> scripts, SeededState state) {
    }

    /** A state being built, or built. */
    private static final class Entry {
        final CompletableFuture<Template> built = new CompletableFuture<>();
        int copying; // guarded by the cache
        long lastUsed; // guarded by the cache
    }

    /**
     * A built state.
     *
     * @param database the template; {@code null} when it cannot be copied
     * @param notCopyable why it cannot be copied, if it cannot
     */
    private record Template(RehearsalDatabase database, SeedReport report, long buildMillis, Optional<String> notCopyable) {
    }

    /** A database opened at a state, and what was seeded in it. */
    public record Opened(RehearsalDatabase database, List<SeedReport> seeded) {
    }

    public StateCache(JdbcServer server) {
        this.server = server;
    }

    /**
     * Open a database at a state: a copy of the cached state, built first if no rehearsal built it before.
     *
     * @param settings the migration settings
     * @param state the state
     * @param hint a readable part of the new database's name
     * @param progress receives a line when a state is built
     * @throws RehearsalException if the state's build fails (with its verdict), or the copy fails
     */
    public Opened open(MigrationSettings settings, SeededState state, String hint, Consumer<String> progress) {
        Key key = new Key(withoutOrigin(settings), fingerprint(settings, state.version()), state);
        Entry entry;
        boolean mine;
        synchronized (this) {
            requireOpen();
            entry = states.get(key);
            mine = entry == null;
            if (mine) {
                entry = new Entry();
                states.put(key, entry);
            }
            entry.copying++;
            entry.lastUsed = System.nanoTime();
        }
        try {
            if (mine) {
                Optional<Opened> kept = build(key, entry, settings, state, hint, progress);
                if (kept.isPresent()) {
                    return kept.get();
                }
            }
            Template template = join(entry.built);
            if (template.notCopyable().isPresent()) {
                return buildInPlace(server, settings, state, hint, "not cached: " + template.notCopyable().get());
            }
            boolean builtNow = mine;
            RehearsalDatabase copy = server.copyDatabase(template.database(), hint, millis -> "copy of cached state "
                    + template.database().name() + " (" + state + "; built in " + seconds(template.buildMillis())
                    + (builtNow ? " for this test" : " by an earlier test") + "), copied in " + millis + " ms");
            return new Opened(copy, List.of(template.report()));
        } finally {
            release(entry);
        }
    }

    /**
     * Build a state in the test's own database, as when the cache is off.
     *
     * @param why why it is not a copy, for the verdicts
     */
    public static Opened buildInPlace(JdbcServer server, MigrationSettings settings, SeededState state, String hint,
            String why) {
        RehearsalDatabase database = server.createDatabase(hint);
        try {
            long start = System.nanoTime();
            DefaultRehearsal rehearsal = new DefaultRehearsal(database, settings, outcome -> { }).withoutDamageChecks();
            SeedReport report = StateBuild.build(rehearsal, state);
            database.describeState("built for this test in " + seconds((System.nanoTime() - start) / 1_000_000) + " ("
                    + state + "; " + why + ")");
            return new Opened(database, List.of(report));
        } catch (RuntimeException e) {
            closeQuietly(database, e);
            throw e;
        }
    }

    /**
     * Build a state into a new template and publish it; a failed build is forgotten, so a later rehearsal builds again.
     *
     * @return the built database itself, when it cannot be copied: the rehearsal that built it takes it
     */
    private Optional<Opened> build(Key key, Entry entry, MigrationSettings settings, SeededState state, String hint,
            Consumer<String> progress) {
        RehearsalDatabase template;
        try {
            template = server.createDatabase("state_" + hint);
        } catch (RuntimeException e) {
            forget(key, entry, e);
            throw e;
        }
        long start = System.nanoTime();
        try {
            DefaultRehearsal rehearsal = new DefaultRehearsal(template, settings, outcome -> { }).withoutDamageChecks();
            SeedReport report = StateBuild.build(rehearsal, state);
            long millis = (System.nanoTime() - start) / 1_000_000;
            template.dataSource().closeOpenConnections();
            Optional<String> notCopyable = server.cannotCopy(template);
            progress.accept("rehearsal: built state " + template.name() + " (" + state + ") in " + seconds(millis)
                    + (notCopyable.isPresent() ? "; not cached: " + notCopyable.get() : ", cached for this run") + ": "
                    + report);
            if (notCopyable.isPresent()) {
                entry.built.complete(new Template(null, report, millis, notCopyable));
                template.describeState("built for this test in " + seconds(millis) + " (" + state + "; not cached: "
                        + notCopyable.get() + ")");
                return Optional.of(new Opened(template, List.of(report)));
            }
            server.refuseConnections(template);
            entry.built.complete(new Template(template, report, millis, Optional.empty()));
            return Optional.empty();
        } catch (RuntimeException | Error e) {
            forget(key, entry, e);
            closeQuietly(template, e);
            throw e;
        }
    }

    private synchronized void forget(Key key, Entry entry, Throwable failure) {
        states.remove(key, entry);
        entry.built.completeExceptionally(failure);
    }

    private static Template join(CompletableFuture<Template> built) {
        try {
            return built.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Let go of a state after a copy; then drop the least recently used states beyond the bound. */
    private void release(Entry entry) {
        List<RehearsalDatabase> evicted = new ArrayList<>();
        synchronized (this) {
            entry.copying--;
            while (states.size() > MAX_STATES) {
                Optional<Map.Entry<Key, Entry>> oldest = states.entrySet().stream()
                        .filter(e -> e.getValue().copying == 0 && e.getValue().built.isDone()
                                && !e.getValue().built.isCompletedExceptionally())
                        .min(Comparator.comparingLong(e -> e.getValue().lastUsed));
                if (oldest.isEmpty()) {
                    break;
                }
                states.remove(oldest.get().getKey());
                Template template = oldest.get().getValue().built.join();
                if (template.database() != null) {
                    evicted.add(template.database());
                }
            }
        }
        for (RehearsalDatabase database : evicted) {
            try {
                database.close();
            } catch (RuntimeException e) {
                synchronized (this) {
                    undropped.add(database); // the cache's close tries again, and reports it
                }
            }
        }
    }

    /** What Flyway resolves up to a version, read on a database of the cache's own that nothing migrates. */
    private List<String> fingerprint(MigrationSettings settings, String version) {
        RehearsalDatabase resolvedOn;
        synchronized (this) {
            requireOpen();
            if (probe == null) {
                probe = server.createDatabase("cache_resolver");
            }
            resolvedOn = probe;
        }
        MigrationSettings key = withoutOrigin(settings);
        FlywaySteps steps = resolvers.computeIfAbsent(key,
                s -> new FlywaySteps(resolvedOn, settings, resolvedOn.dataSource(), false));
        // the files as they are now: unchanged since the last resolution, what Flyway resolved then stands; the stamp
        // is part of the key too, for what Flyway's resolution leaves out (SQL callbacks run at every migrate)
        Optional<String> stamp = LocationStamp.of(settings, server.engine());
        synchronized (steps) {
            Resolved last = resolved.get(key);
            if (stamp.isPresent() && last != null && last.stamp().equals(stamp.get())) {
                List<String> known = last.byVersion().get(version);
                if (known != null) {
                    return known;
                }
            }
            List<String> fingerprint = new ArrayList<>(steps.fingerprintUpTo(version));
            stamp.ifPresent(fingerprint::add);
            if (stamp.isPresent()) {
                Map<String, List<String>> byVersion = last != null && last.stamp().equals(stamp.get())
                        ? last.byVersion() : new ConcurrentHashMap<>();
                byVersion.put(version, fingerprint);
                resolved.put(key, new Resolved(stamp.get(), byVersion));
            }
            return fingerprint;
        }
    }

    /** What Flyway resolved for a settings' locations when their files had a stamp, by version. */
    private record Resolved(String stamp, Map<String, List<String>> byVersion) {
    }

    private static MigrationSettings withoutOrigin(MigrationSettings settings) {
        // the origin only names the declaration in messages; equal settings resolve and migrate the same way
        return settings.withLocations(settings.locations(), "");
    }

    private void requireOpen() {
        if (closed) {
            throw new RehearsalException("The state cache of " + server.describe() + " was closed with its server.");
        }
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static void closeQuietly(RehearsalDatabase database, Throwable failure) {
        try {
            database.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Drop every state and the database the cache resolves migrations on.
     *
     * @throws RehearsalException if one could not be dropped; the others still are
     */
    @Override
    public void close() {
        List<RehearsalDatabase> databases = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (Entry entry : states.values()) {
                if (entry.built.isDone() && !entry.built.isCompletedExceptionally()) {
                    Template template = entry.built.join();
                    if (template.database() != null) {
                        databases.add(template.database());
                    }
                }
            }
            states.clear();
            databases.addAll(undropped);
            undropped.clear();
            if (probe != null) {
                databases.add(probe);
            }
        }
        RehearsalException failure = null;
        for (RehearsalDatabase database : databases) {
            try {
                database.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = new RehearsalException("Closing the state cache of " + server.describe() + " left a"
                            + " database behind: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
