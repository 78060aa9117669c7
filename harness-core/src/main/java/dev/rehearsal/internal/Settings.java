package dev.rehearsal.internal;

import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.internal.jdbc.ConnectionPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed access to the harness's configuration keys, whatever source they come from.
 */
public final class Settings {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final Function<String, Optional<String>> lookup;

    /**
     * @param lookup returns the raw value of a key, if set
     */
    public Settings(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** Every key the harness reads, in the order the docs list them. */
    public static List<String> knownKeys() {
        List<String> keys = new ArrayList<>();
        for (Engine engine : Engine.values()) {
            keys.add(RehearsalSettings.url(engine));
            keys.add(RehearsalSettings.username(engine));
            keys.add(RehearsalSettings.password(engine));
            keys.add(RehearsalSettings.image(engine));
        }
        keys.addAll(List.of(RehearsalSettings.CONNECT_TIMEOUT, RehearsalSettings.SOCKET_TIMEOUT,
                RehearsalSettings.STEP_TIMEOUT,
                RehearsalSettings.LOCK_TIMEOUT, RehearsalSettings.STARTUP_TIMEOUT,
                RehearsalSettings.KEEP_FAILED_DATABASES, RehearsalSettings.REPORT_ENABLED, RehearsalSettings.CACHE_ENABLED,
                RehearsalSettings.PRIVILEGES));
        return keys;
    }

    /**
     * Refuse a name under the harness's prefix that is not one of its keys: a misspelt key would otherwise be ignored
     * and the rehearsal run somewhere else than meant (a misspelt URL key falls back to the embedded server).
     *
     * @param names the names a source holds, e.g. the system properties' or the environment's
     * @param source the source, for the message, e.g. {@code "a system property"}
     * @throws RehearsalConfigurationException naming the unknown key, the source and the known keys
     */
    public static void refuseUnknownKeys(Iterable<String> names, String source) {
        List<String> known = knownKeys();
        boolean environment = source.contains("environment");
        for (String name : names) {
            boolean ours = environment
                    ? name.startsWith(environmentName(RehearsalSettings.PREFIX))
                    : name.startsWith(RehearsalSettings.PREFIX);
            boolean isKnown = known.stream().anyMatch(key -> environment ? environmentName(key).equals(name) : key.equals(name));
            if (ours && !isKnown) {
                String closest = closest(name, known, environment);
                throw new RehearsalConfigurationException(name + " (" + source + ") is not a Rehearsal setting, so it"
                        + " would be ignored" + (closest == null ? "" : "; the nearest key is " + closest) + ".\nTo fix"
                        + " this, correct it to one of " + known.stream().map(key -> environment ? environmentName(key) : key)
                        .collect(Collectors.joining(", ")) + " (docs/databases.md), or remove it.");
            }
        }
    }

    /** The known key nearest to a name by edit distance, if near enough to be a typo. */
    private static String closest(String name, List<String> known, boolean environment) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String key : known) {
            String candidate = environment ? environmentName(key) : key;
            int distance = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= 4 ? best : null;
    }

    /** The edit distance (Levenshtein) between two strings, for suggesting the nearest of known names. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Settings from system properties, then the environment ({@code REHEARSAL_POSTGRESQL_URL}). */
    public static Settings fromSystem() {
        return new Settings(key -> Optional.ofNullable(System.getProperty(key)).or(() -> fromEnvironment(key, System.getenv())));
    }

    /** The internal view of public settings. */
    public static Settings of(RehearsalSettings settings) {
        return new Settings(settings::get);
    }

    /** Settings from a map, for tests and tools. */
    public static Settings of(Map<String, String> values) {
        return new Settings(key -> Optional.ofNullable(values.get(key)));
    }

    /** The environment variable for a key: {@code rehearsal.postgresql.url} is {@code REHEARSAL_POSTGRESQL_URL}. */
    public static String environmentName(String key) {
        return RehearsalSettings.environmentVariable(key);
    }

    public static Optional<String> fromEnvironment(String key, Map<String, String> environment) {
        return Optional.ofNullable(environment.get(environmentName(key)));
    }

    /** The value of a key, blank values treated as unset. */
    public Optional<String> get(String key) {
        return lookup.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    public boolean flag(String key, boolean defaultValue) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new RehearsalConfigurationException(key + " = '" + value.get() + "' is not a boolean.\n"
                    + "To fix this, set it to true or false.");
        };
    }

    public Duration duration(String key, Duration defaultValue) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return parseDuration(key, value.get());
    }

    /** The connection bounds these settings give. */
    public ConnectionPolicy connectionPolicy() {
        ConnectionPolicy defaults = ConnectionPolicy.DEFAULT;
        return new ConnectionPolicy(
                duration(RehearsalSettings.CONNECT_TIMEOUT, defaults.connectTimeout()),
                duration(RehearsalSettings.SOCKET_TIMEOUT, defaults.socketTimeout()),
                duration(RehearsalSettings.LOCK_TIMEOUT, defaults.lockTimeout()),
                duration(RehearsalSettings.STEP_TIMEOUT, defaults.stepTimeout()));
    }

    /**
     * Whether rehearsals run as a user of the run's own with least privilege ({@link RehearsalSettings#PRIVILEGES}).
     *
     * @param provider what provides the server: the default is least privilege on an existing server only
     * @throws RehearsalConfigurationException for a value other than {@code least} or {@code admin}
     */
    public boolean leastPrivilege(dev.rehearsal.ProviderKind provider) {
        Optional<String> value = get(RehearsalSettings.PRIVILEGES).map(v -> v.toLowerCase(Locale.ROOT));
        if (value.isEmpty()) {
            return provider == dev.rehearsal.ProviderKind.EXISTING;
        }
        return switch (value.get()) {
            case "least" -> true;
            case "admin" -> false;
            default -> throw new RehearsalConfigurationException(RehearsalSettings.PRIVILEGES + " = '"
                    + get(RehearsalSettings.PRIVILEGES).orElse("") + "' is not a privilege level.\nTo fix this, set it to"
                    + " least (a user of the run's own that may use only its rehearsal databases; the default on an"
                    + " existing server) or admin (the configured user itself, e.g. for extensions only a superuser may"
                    + " create).");
        };
    }

    public Duration startupTimeout() {
        return duration(RehearsalSettings.STARTUP_TIMEOUT, Duration.ofMinutes(3));
    }

    private static final Duration LONGEST = Duration.ofHours(24);

    static Duration parseDuration(String key, String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(value);
        Duration duration = null;
        if (m.matches()) {
            try {
                long amount = Long.parseLong(m.group(1));
                duration = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            } catch (NumberFormatException | ArithmeticException e) {
                duration = null;
            }
        } else if (value.startsWith("pt")) {
            try {
                duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                duration = null;
            }
        }
        if (duration == null || duration.toMillis() < 1) {
            throw new RehearsalConfigurationException(key + " = '" + text + "' is not a duration of 1ms or more.\n"
                    + "To fix this, write it like 500ms, 30s, 5m or PT30S.");
        }
        if (duration.compareTo(LONGEST) > 0) {
            throw new RehearsalConfigurationException(key + " = '" + text + "' is longer than " + LONGEST.toHours()
                    + " hours, the longest bound the harness accepts: a wait that long is no bound for a test.\nTo fix this,"
                    + " give 24h or less; a rehearsal step that needs longer is better split.");
        }
        return duration;
    }
}
