package dev.rehearsal.internal.spring;

import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.internal.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a Spring Boot application's {@code spring.flyway.*} settings from its {@code application.properties} and
 * {@code application.yml} files the way Boot's config data does, without starting Spring: {@code classpath:} root,
 * then {@code classpath:config/}; profile-specific files over the others, the later profile winning; at one
 * location {@code .properties} over {@code .yml} over {@code .yaml}; YAML and {@code #---} multi-documents with
 * {@code spring.config.activate.on-profile} (or the older {@code spring.profiles}); relaxed names; {@code ${name}}
 * and {@code ${name:default}} placeholders against system properties, the environment and the same files.
 */
public final class SpringBootFlywayConfig {

    private static final String PREFIX = "spring.flyway.";
    private static final List<String> LOCATIONS = List.of("", "config/");
    /** Lowest precedence first: at one location .properties wins over .yml, and .yml over .yaml. */
    private static final List<String> EXTENSIONS = List.of("yaml", "yml", "properties");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^[#!]---\\s*$");
    private static final String DEFAULT_LOCATION = "classpath:db/migration";

    private enum Kind { LOCATIONS, SCHEMAS, DEFAULT_SCHEMA, TABLE, PG_LOCK, SCALAR, LIST, INIT_SQLS, SECONDS, IGNORED, REMOVED }

    /** A {@code spring.flyway.*} property Boot 3.5 or 4.0 knows, and what the rehearsal does with it. */
    private record Property(String name, Kind kind, String target) {
    }

    private static final List<Property> PROPERTIES = new ArrayList<>();
    private static final String HARNESS_CONNECTS = "the rehearsal connects Flyway to the database it created for the test";

    static {
        known("locations", Kind.LOCATIONS, null);
        known("schemas", Kind.SCHEMAS, null);
        known("default-schema", Kind.DEFAULT_SCHEMA, null);
        known("table", Kind.TABLE, null);
        known("postgresql.transactional-lock", Kind.PG_LOCK, null);
        for (String scalar : List.of("baseline-description", "baseline-on-migrate", "baseline-version", "connect-retries",
                "create-schemas", "encoding", "execute-in-transaction", "group", "installed-by", "lock-retry-count",
                "mixed", "out-of-order", "placeholder-prefix", "placeholder-suffix", "placeholder-separator",
                "placeholder-replacement", "repeatable-sql-migration-prefix", "script-placeholder-prefix",
                "script-placeholder-suffix", "skip-default-callbacks", "skip-default-resolvers", "sql-migration-prefix",
                "sql-migration-separator", "tablespace", "validate-migration-naming", "validate-on-migrate",
                "detect-encoding")) {
            known(scalar, Kind.SCALAR, "flyway." + camel(scalar));
        }
        known("community-db-support-enabled", Kind.SCALAR, "flyway.communityDBSupportEnabled");
        known("sql-migration-suffixes", Kind.LIST, "flyway.sqlMigrationSuffixes");
        known("ignore-migration-patterns", Kind.LIST, "flyway.ignoreMigrationPatterns");
        known("callback-locations", Kind.LIST, "flyway.callbackLocations");
        known("init-sqls", Kind.INIT_SQLS, "flyway.initSql");
        known("connect-retries-interval", Kind.SECONDS, "flyway.connectRetriesInterval");

        known("enabled", Kind.IGNORED, "the rehearsal migrates whenever the test says so");
        known("target", Kind.IGNORED, "each step of the rehearsal chooses its target (migrateTo, migrateToNext, migrateToLatest)");
        for (String connection : List.of("url", "user", "password", "driver-class-name")) {
            known(connection, Kind.IGNORED, HARNESS_CONNECTS);
        }
        known("clean-disabled", Kind.IGNORED, "the rehearsal always runs with clean disabled");
        known("fail-on-missing-locations", Kind.IGNORED, "the rehearsal always fails on a missing location");
        known("loggers", Kind.IGNORED, "the rehearsal keeps Flyway's logging as it is");
        known("skip-executing-migrations", Kind.IGNORED, "a rehearsal executes the migrations; that is its point");
        known("clean-on-validation-error", Kind.IGNORED, "Flyway 11 removed it, and the rehearsal never cleans");
        for (String teams : List.of("batch", "stream", "dry-run-output", "error-overrides", "kerberos-config-file",
                "output-query-results", "powershell-executable", "oracle.kerberos-cache-file", "oracle.sqlplus",
                "oracle.sqlplus-warn", "oracle.wallet-location", "sqlserver.kerberos-login-file",
                "oracle-kerberos-cache-file", "oracle-sqlplus", "oracle-sqlplus-warn", "oracle-wallet-location",
                "sql-server-kerberos-login-file")) {
            known(teams, Kind.IGNORED, "it is for Flyway Teams, Oracle, SQL Server or PowerShell, none of which a rehearsal runs");
        }

        known("check-location", Kind.REMOVED, "Boot no longer supports it; use spring.flyway.fail-on-missing-locations");
        known("sql-migration-suffix", Kind.REMOVED, "Boot no longer supports it; use spring.flyway.sql-migration-suffixes");
        for (String ignore : List.of("ignore-missing-migrations", "ignore-ignored-migrations", "ignore-pending-migrations",
                "ignore-future-migrations")) {
            known(ignore, Kind.REMOVED, "Flyway 9 removed it; use spring.flyway.ignore-migration-patterns, e.g. \"*:missing\"");
        }
        known("oracle-kerberos-config-file", Kind.REMOVED, "Boot no longer supports it; use spring.flyway.kerberos-config-file");
        for (String gone : List.of("baseline-migration-prefix", "cherry-pick", "license-key", "undo-sql-migration-prefix",
                "vault-url", "vault-token", "vault-secrets", "error-handlers")) {
            known(gone, Kind.REMOVED, "Flyway and Boot no longer support it; remove it");
        }
    }

    private static void known(String name, Kind kind, String target) {
        PROPERTIES.add(new Property(name, kind, target));
    }

    /** A properties file or one YAML/properties document of it. */
    private record Source(String file, int document, int documents, Map<String, String> properties, String profileFile) {

        String name() {
            return documents > 1 ? file + " (document " + (document + 1) + " of " + documents + ")" : file;
        }
    }

    private final ClassLoader loader;
    private final String name;
    private final String origin;
    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;
    /** Active sources, highest precedence first. */
    private final List<Source> sources = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    /** While the active profiles are being found, placeholders resolve against the files read so far. */
    private final List<Source> loadedSoFar = new ArrayList<>();

    private SpringBootFlywayConfig(ClassLoader loader, String name, String origin, Function<String, String> systemProperties,
            Function<String, String> environment) {
        this.loader = loader;
        this.name = name;
        this.origin = origin;
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /**
     * Read the settings, with placeholders resolved against the JVM's system properties and environment.
     *
     * @param loader where the files are looked up
     * @param name the config name, Boot's {@code spring.config.name}, e.g. {@code application}
     * @param profiles the active profiles; none for {@code spring.profiles.active} from the files, else Boot's
     *     {@code default}
     * @param origin named in messages, e.g. {@code @SpringBootFlyway on OrdersTest}
     * @throws RehearsalConfigurationException on an unknown key, a missing profile, an unresolvable placeholder, a
     *     YAML file without SnakeYAML, or a malformed file
     */
    public static SpringFlywaySettings read(ClassLoader loader, String name, List<String> profiles, String origin) {
        return read(loader, name, profiles, origin, System::getProperty, System::getenv);
    }

    /** As {@link #read(ClassLoader, String, List, String)}, with the system properties and environment given. */
    public static SpringFlywaySettings read(ClassLoader loader, String name, List<String> profiles, String origin,
            Function<String, String> systemProperties, Function<String, String> environment) {
        SpringBootFlywayConfig config = new SpringBootFlywayConfig(loader, name.strip(), origin, systemProperties, environment);
        return config.load(profiles.stream().map(String::strip).toList());
    }

    private SpringFlywaySettings load(List<String> named) {
        List<Source> base = new ArrayList<>();
        for (String location : LOCATIONS) {
            for (String extension : EXTENSIONS) {
                base.addAll(file(location + name + "." + extension, null));
            }
        }
        List<String> active = named;
        if (active.isEmpty()) {
            List<Source> unconditional = base.stream().filter(source -> activation(source) == null).toList();
            active = find(reversed(unconditional), squash("spring.profiles.active"))
                    .map(found -> Arrays.stream(resolve(found.value(), found.source(), found.key(), 0).split(","))
                            .map(String::strip).filter(p -> !p.isEmpty()).toList())
                    .orElse(List.of());
        }
        Set<String> activeSet = new LinkedHashSet<>(active.isEmpty() ? List.of("default") : active);
        List<Source> lowestFirst = new ArrayList<>(base);
        Map<String, List<Source>> perProfile = new LinkedHashMap<>();
        for (String profile : activeSet) {
            List<Source> profileSources = new ArrayList<>();
            for (String location : LOCATIONS) {
                for (String extension : EXTENSIONS) {
                    profileSources.addAll(file(location + name + "-" + profile + "." + extension, profile));
                }
            }
            perProfile.put(profile, profileSources);
            lowestFirst.addAll(profileSources);
        }
        List<Source> activeSources = lowestFirst.stream().filter(source -> isActive(source, activeSet)).toList();
        for (String profile : named) {
            boolean documented = activeSources.stream().anyMatch(source -> {
                String activation = activation(source);
                return activation != null && Arrays.asList(activation.split("[,|&!()\\s]+")).contains(profile);
            });
            if (perProfile.get(profile).isEmpty() && !documented) {
                List<String> lookedFor = new ArrayList<>();
                for (String location : LOCATIONS) {
                    for (String extension : List.of("properties", "yml", "yaml")) {
                        lookedFor.add("classpath:" + location + name + "-" + profile + "." + extension);
                    }
                }
                throw new RehearsalConfigurationException(origin + ": profile \"" + profile + "\" has no configuration:"
                        + " none of " + String.join(", ", lookedFor) + " exists, and no document of "
                        + (files.isEmpty() ? "the " + name + " files (there are none)" : String.join(", ", files))
                        + " sets spring.config.activate.on-profile: " + profile + ".\nTo fix this, correct the profile's"
                        + " name in @SpringBootFlyway(profiles = ...), or create one of those files.");
            }
        }
        sources.addAll(reversed(activeSources));
        return settings(List.copyOf(activeSet.equals(Set.of("default")) && active.isEmpty() ? List.of() : active));
    }

    private SpringFlywaySettings settings(List<String> profiles) {
        Map<String, String> placeholders = new LinkedHashMap<>();
        Map<String, String> ignored = new LinkedHashMap<>();
        for (Source source : sources) {
            for (Map.Entry<String, String> entry : source.properties().entrySet()) {
                String key = entry.getKey();
                Optional<String> rest = flywayRest(key);
                if (rest.isEmpty()) {
                    continue;
                }
                classify(source, key, rest.get(), entry.getValue(), placeholders, ignored);
            }
        }
        List<String> locations = DEFAULT_LOCATION_LIST;
        List<String> schemas = new ArrayList<>();
        Optional<String> defaultSchema = Optional.empty();
        Optional<String> table = Optional.empty();
        Optional<Boolean> lock = Optional.empty();
        Map<String, String> flyway = new TreeMap<>();
        for (Property property : PROPERTIES) {
            switch (property.kind()) {
                case LOCATIONS -> locations = list(property).orElse(DEFAULT_LOCATION_LIST);
                case SCHEMAS -> schemas = new ArrayList<>(list(property).orElse(List.of()));
                case DEFAULT_SCHEMA -> defaultSchema = scalar(property).filter(s -> !s.isBlank()).map(String::strip);
                case TABLE -> table = scalar(property).filter(s -> !s.isBlank()).map(String::strip);
                case PG_LOCK -> lock = scalar(property).map(value -> bool(property, value));
                case SCALAR -> scalar(property).ifPresent(value -> flyway.put(property.target(), value));
                case LIST -> list(property).ifPresent(values -> {
                    if (property.name().equals("callback-locations") && values.stream().anyMatch(v -> v.contains("{vendor}"))) {
                        throw new RehearsalConfigurationException(origin + ": spring.flyway.callback-locations = "
                                + values + " uses {vendor}, which the rehearsal replaces in migration locations only."
                                + "\nTo fix this, name the callback folder without {vendor}, or put the callbacks"
                                + " beside the migrations in spring.flyway.locations.");
                    }
                    flyway.put(property.target(), String.join(",", values));
                });
                case INIT_SQLS -> list(property).ifPresent(values -> flyway.put(property.target(), String.join("\n", values)));
                case SECONDS -> scalar(property).ifPresent(value -> flyway.put(property.target(), seconds(property, value)));
                default -> {
                }
            }
        }
        if (defaultSchema.isPresent()) {
            schemas.remove(defaultSchema.get());
            schemas.add(0, defaultSchema.get());
        }
        List<String> notes = ignored.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
        return new SpringFlywaySettings(locations, placeholders, schemas, table, lock, flyway, notes, files, profiles);
    }

    private static final List<String> DEFAULT_LOCATION_LIST = List.of(DEFAULT_LOCATION);

    /** What a {@code spring.flyway.*} key is; refuses the unknown and the removed ones. */
    private void classify(Source source, String key, String rest, String value, Map<String, String> placeholders,
            Map<String, String> ignored) {
        boolean environmentStyle = key.matches("[A-Z0-9_]+");
        Optional<Property> property = property(rest);
        if (property.isEmpty()) {
            String first = environmentStyle ? rest : rest.split("\\.", 2)[0];
            String squashedFirst = squash(first);
            if (environmentStyle ? rest.startsWith("PLACEHOLDERS_") : squashedFirst.equals("placeholders") && rest.contains(".")) {
                String placeholder = environmentStyle ? rest.substring("PLACEHOLDERS_".length()).toLowerCase(Locale.ROOT)
                        : unbracket(rest.substring(rest.indexOf('.') + 1));
                placeholders.putIfAbsent(placeholder, resolve(value, source, key, 0));
                return;
            }
            if (environmentStyle ? rest.startsWith("JDBC_PROPERTIES_") || rest.startsWith("JDBCPROPERTIES_")
                    : squashedFirst.equals("jdbcproperties")) {
                ignored.putIfAbsent(PREFIX + "jdbc-properties (" + source.name() + ")", HARNESS_CONNECTS);
                return;
            }
            String closest = closest(kebab(environmentStyle ? rest.replace('_', '-') : rest));
            throw new RehearsalConfigurationException(origin + ": " + source.name() + " sets " + key + ", which is not a"
                    + " Spring Boot Flyway property" + (closest == null ? "" : "; the nearest one is " + PREFIX + closest)
                    + ".\nTo fix this, correct the key" + (closest == null ? "" : " (to " + PREFIX + closest + "?)")
                    + " or remove it; the properties are those of Boot's FlywayProperties (docs/spring-boot.md).");
        }
        Property known = property.get();
        if (known.kind() == Kind.REMOVED) {
            throw new RehearsalConfigurationException(origin + ": " + source.name() + " sets " + key + ", which is no"
                    + " Flyway property any more: " + known.target().replaceFirst(";.*", "") + ".\nTo fix this, "
                    + known.target().replaceFirst("^[^;]*; ", "") + ".");
        }
        if (known.kind() == Kind.IGNORED) {
            ignored.putIfAbsent(PREFIX + known.name() + " (" + source.name() + ")", "not carried over: " + known.target());
        }
    }

    /** The part after {@code spring.flyway.}, for keys in any relaxed form, or empty for other keys. */
    private static Optional<String> flywayRest(String key) {
        if (key.matches("[A-Z0-9_]+")) {
            return key.startsWith("SPRING_FLYWAY_") ? Optional.of(key.substring("SPRING_FLYWAY_".length())) : Optional.empty();
        }
        String[] elements = key.split("\\.", 3);
        if (elements.length == 3 && squash(elements[0]).equals("spring") && squash(elements[1]).equals("flyway")) {
            return Optional.of(elements[2]);
        }
        return Optional.empty();
    }

    private static Optional<Property> property(String rest) {
        String squashed = squash(INDEX.matcher(rest).replaceAll(""));
        return PROPERTIES.stream().filter(p -> squash(p.name()).equals(squashed)).findFirst();
    }

    private static String closest(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Property property : PROPERTIES) {
            if (property.kind() == Kind.REMOVED) {
                continue;
            }
            int distance = Settings.distance(name, property.name());
            if (distance < bestDistance) {
                best = property.name();
                bestDistance = distance;
            }
        }
        for (String map : List.of("placeholders", "jdbc-properties")) {
            int distance = Settings.distance(name.split("\\.", 2)[0], map);
            if (distance < bestDistance) {
                best = map + (name.contains(".") ? name.substring(name.indexOf('.')) : ".<name>");
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.max(4, name.length() / 3) ? best : null;
    }

    private record Found(Source source, String key, String value) {
    }

    private Optional<String> scalar(Property property) {
        return find(sources, squash(PREFIX + property.name()))
                .map(found -> resolve(found.value(), found.source(), found.key(), 0).strip());
    }

    /** A list from the one source of highest precedence that sets it, as {@code key[0]...} or comma-separated. */
    private Optional<List<String>> list(Property property) {
        String squashed = squash(PREFIX + property.name());
        for (Source source : sources) {
            TreeMap<Integer, String> indexed = new TreeMap<>();
            List<String> values = null;
            for (Map.Entry<String, String> entry : source.properties().entrySet()) {
                String key = squash(entry.getKey());
                if (key.equals(squashed)) {
                    values = Arrays.stream(resolve(entry.getValue(), source, entry.getKey(), 0).split(","))
                            .map(String::strip).filter(v -> !v.isEmpty()).toList();
                } else if (key.startsWith(squashed + "[")) {
                    Matcher index = INDEX.matcher(key.substring(squashed.length()));
                    if (index.matches()) {
                        indexed.put(Integer.parseInt(index.group(1)),
                                resolve(entry.getValue(), source, entry.getKey(), 0).strip());
                    }
                }
            }
            if (!indexed.isEmpty()) {
                return Optional.of(List.copyOf(indexed.values()));
            }
            if (values != null) {
                return Optional.of(values);
            }
        }
        return Optional.empty();
    }

    private static Optional<Found> find(List<Source> highestFirst, String squashedKey) {
        for (Source source : highestFirst) {
            for (Map.Entry<String, String> entry : source.properties().entrySet()) {
                if (squash(entry.getKey()).equals(squashedKey)) {
                    return Optional.of(new Found(source, entry.getKey(), entry.getValue()));
                }
            }
        }
        return Optional.empty();
    }

    /** Replace {@code ${name}} and {@code ${name:default}}: system properties, then the environment, then the files. */
    private String resolve(String value, Source source, String key, int depth) {
        if (depth > 32) {
            throw new RehearsalConfigurationException(origin + ": " + source.name() + " sets " + key + " with placeholders"
                    + " that refer to each other in a circle.\nTo fix this, break the circle: let one of them have a value.");
        }
        StringBuilder result = new StringBuilder();
        int from = 0;
        while (true) {
            int start = value.indexOf("${", from);
            int end = start < 0 ? -1 : closing(value, start + 2);
            if (start < 0 || end < 0) {
                result.append(value.substring(from));
                return result.toString();
            }
            result.append(value, from, start);
            String inner = value.substring(start + 2, end);
            int separator = separator(inner);
            String placeholder = (separator < 0 ? inner : inner.substring(0, separator)).strip();
            String fallback = separator < 0 ? null : inner.substring(separator + 1);
            String replacement = lookup(placeholder, depth);
            if (replacement == null) {
                if (fallback == null) {
                    throw new RehearsalConfigurationException(origin + ": " + source.name() + " sets " + key + " = "
                            + quotedUnlessSecret(key, value) + ", and its placeholder ${" + placeholder + "} is neither"
                            + " a key of " + String.join(", ", files) + " nor a system property nor an environment"
                            + " variable.\nTo fix this, define " + placeholder + " in one of those files, give it a"
                            + " default (${" + placeholder + ":value}), or set it as a system property or environment"
                            + " variable of the test run.");
                }
                replacement = resolve(fallback, source, key, depth + 1);
            }
            result.append(replacement);
            from = end + 1;
        }
    }

    private static String quotedUnlessSecret(String key, String value) {
        return squash(key).contains("password") ? "(hidden)" : "\"" + value + "\"";
    }

    private String lookup(String placeholder, int depth) {
        String value = systemProperties.apply(placeholder);
        if (value == null) {
            value = environment.apply(placeholder);
        }
        if (value == null) {
            String upper = placeholder.toUpperCase(Locale.ROOT);
            value = environment.apply(upper.replace('.', '_').replace('-', '_'));
            if (value == null) {
                value = environment.apply(upper.replace("-", "").replace('.', '_'));
            }
        }
        if (value != null) {
            return value;
        }
        return find(sources.isEmpty() ? loadedSoFar : sources, squash(placeholder))
                .map(found -> resolve(found.value(), found.source(), found.key(), depth + 1))
                .orElse(null);
    }

    private static int closing(String value, int from) {
        int nesting = 0;
        for (int i = from; i < value.length(); i++) {
            if (value.startsWith("${", i)) {
                nesting++;
                i++;
            } else if (value.charAt(i) == '}') {
                if (nesting == 0) {
                    return i;
                }
                nesting--;
            }
        }
        return -1;
    }

    private static int separator(String inner) {
        int nesting = 0;
        for (int i = 0; i < inner.length(); i++) {
            if (inner.startsWith("${", i)) {
                nesting++;
                i++;
            } else if (inner.charAt(i) == '}') {
                nesting--;
            } else if (inner.charAt(i) == ':' && nesting == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The documents of one file, if it exists; each keeps the profile its file name is for. */
    private List<Source> file(String path, String profile) {
        URL url = loader.getResource(path);
        if (url == null) {
            return List.of();
        }
        String file = "classpath:" + path;
        List<Map<String, String>> documents;
        try (InputStream in = url.openStream()) {
            if (path.endsWith(".properties")) {
                documents = properties(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            } else {
                if (!YamlDocuments.available()) {
                    throw new RehearsalConfigurationException(origin + ": " + file + " is YAML, and SnakeYAML, which reads"
                            + " it, is not on the test classpath.\nTo fix this, add the dependency org.yaml:snakeyaml (2.x;"
                            + " Spring Boot applications have it through spring-boot-starter), or keep the settings in "
                            + path.replaceFirst("\\.ya?ml$", ".properties") + ".");
                }
                try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    documents = YamlDocuments.load(reader);
                }
            }
        } catch (IOException e) {
            throw new RehearsalConfigurationException(origin + ": " + file + " cannot be read: " + e.getMessage()
                    + ".\nTo fix this, check the file.", e);
        } catch (RuntimeException e) {
            if (e instanceof RehearsalConfigurationException) {
                throw e;
            }
            throw new RehearsalConfigurationException(origin + ": " + file + " is not valid "
                    + (path.endsWith(".properties") ? "properties" : "YAML") + ": " + e.getMessage()
                    + "\nTo fix this, correct the file.", e);
        }
        files.add(file);
        List<Source> result = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            result.add(new Source(file, i, documents.size(), documents.get(i), profile));
        }
        loadedSoFar.addAll(0, reversed(result));
        return result;
    }

    private static List<Map<String, String>> properties(String text) throws IOException {
        List<Map<String, String>> documents = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(text, -1)) {
            Properties properties = new Properties();
            properties.load(new StringReader(document));
            Map<String, String> map = new LinkedHashMap<>();
            properties.stringPropertyNames().stream().sorted().forEach(key -> map.put(key, properties.getProperty(key)));
            documents.add(map);
        }
        return documents;
    }

    /** The profile expression a document is activated on, or null for a document that always applies. */
    private String activation(Source source) {
        List<String> parts = new ArrayList<>();
        source.properties().forEach((key, value) -> {
            String squashed = INDEX.matcher(squash(key)).replaceAll("");
            if (squashed.equals("springconfigactivateonprofile") || squashed.equals("springprofiles")) {
                parts.add(value.strip());
            }
        });
        return parts.isEmpty() ? null : String.join(",", parts);
    }

    private boolean isActive(Source source, Set<String> active) {
        boolean cloud = source.properties().keySet().stream()
                .anyMatch(key -> squash(key).equals("springconfigactivateoncloudplatform"));
        if (cloud) {
            return false; // no cloud platform under test
        }
        String activation = activation(source);
        return activation == null || Arrays.stream(activation.split(","))
                .anyMatch(expression -> matches(expression.strip(), active));
    }

    /** Boot's profile expressions: {@code a}, {@code !a}, {@code a & b}, {@code a | b}, parentheses around the whole. */
    static boolean matches(String expression, Set<String> active) {
        String e = expression.strip();
        while (e.startsWith("(") && e.endsWith(")")) {
            e = e.substring(1, e.length() - 1).strip();
        }
        if (e.contains("|")) {
            return Arrays.stream(e.split("\\|")).anyMatch(part -> matches(part, active));
        }
        if (e.contains("&")) {
            return Arrays.stream(e.split("&")).allMatch(part -> matches(part, active));
        }
        if (e.startsWith("!")) {
            return !matches(e.substring(1), active);
        }
        return active.contains(e);
    }

    private boolean bool(Property property, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new RehearsalConfigurationException(origin + ": " + PREFIX + property.name() + " = \"" + value + "\" is not"
                + " a boolean.\nTo fix this, set it to true or false.");
    }

    /** Boot's duration with seconds as the default unit, as the whole seconds Flyway takes. */
    private String seconds(Property property, String value) {
        Matcher simple = Pattern.compile("(?i)(\\d+)\\s*(ms|s|m|h|d)?").matcher(value.strip());
        try {
            Duration duration;
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                String unit = simple.group(2) == null ? "s" : simple.group(2).toLowerCase(Locale.ROOT);
                duration = switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    default -> Duration.ofSeconds(amount);
                };
            } else {
                duration = Duration.parse(value.strip());
            }
            return Long.toString(Math.max(duration.toSeconds(), 0));
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new RehearsalConfigurationException(origin + ": " + PREFIX + property.name() + " = \"" + value + "\" is"
                    + " not a duration.\nTo fix this, give seconds (120) or a duration (2m, PT2M).", e);
        }
    }

    /** The form relaxed names compare in: lower case, without dots, dashes and underscores. */
    static String squash(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[-_.]", "");
    }

    /** {@code baselineOnMigrate} or {@code baseline_on_migrate} as {@code baseline-on-migrate}. */
    static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
    }

    private static String camel(String kebab) {
        StringBuilder result = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                result.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return result.toString();
    }

    private static String unbracket(String name) {
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    /** Every property this reader knows, for the docs and tests. */
    static Stream<String> knownProperties() {
        return PROPERTIES.stream().filter(p -> p.kind() != Kind.REMOVED).map(p -> PREFIX + p.name());
    }
}
