package dev.rehearsal.internal;

import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.internal.jdbc.ConnectionPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** Settings from system properties, then the environment ({@code REHEARSAL_POSTGRESQL_URL}). */
    public static Settings fromSystem() {
        return new Settings(key -> Optional.ofNullable(System.getProperty(key)).or(() -> fromEnvironment(key, System.getenv())));
    }

    /** Settings from a map, for tests and tools. */
    public static Settings of(Map<String, String> values) {
        return new Settings(key -> Optional.ofNullable(values.get(key)));
    }

    /** The environment variable for a key: {@code rehearsal.postgresql.url} is {@code REHEARSAL_POSTGRESQL_URL}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_');
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
                duration(RehearsalSettings.LOCK_TIMEOUT, defaults.lockTimeout()));
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
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new RehearsalConfigurationException(key + " = '" + text + "' is not a positive duration.\n"
                    + "To fix this, write it like 500ms, 30s, 5m or PT30S.");
        }
        if (duration.compareTo(LONGEST) > 0) {
            throw new RehearsalConfigurationException(key + " = '" + text + "' is longer than " + LONGEST.toHours()
                    + " hours, the longest bound the harness accepts (the drivers and servers cap their timeouts below"
                    + " what a longer one would need).\nTo fix this, give 24h or less; a rehearsal step that needs"
                    + " longer is better split.");
        }
        return duration;
    }
}
