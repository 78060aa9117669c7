package dev.rehearsal.junit;

import dev.rehearsal.Engine;
import dev.rehearsal.Migrations;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A {@link MigrationRehearsal} read from a test class and checked, before anything global is touched.
 */
final class RehearsalDeclaration {

    private final MigrationRehearsal annotation;
    private final String origin;
    private final List<Engine> engines;
    private final Map<Engine, String> images;
    private final Map<String, String> placeholders;
    private final Map<String, String> flywayProperties;
    private final Optional<SpringBootFlyway> spring;
    private final String springOrigin;

    private RehearsalDeclaration(MigrationRehearsal annotation, Class<?> declaredOn, Optional<SpringBootFlyway> spring,
            Class<?> springOn) {
        this.annotation = annotation;
        this.origin = "@MigrationRehearsal on " + declaredOn.getName();
        this.spring = spring;
        this.springOrigin = springOn == null ? null : "@SpringBootFlyway on " + springOn.getName();
        this.engines = engines(annotation.engines());
        this.images = images(annotation.images());
        this.placeholders = pairs("placeholders", annotation.placeholders());
        this.flywayProperties = pairs("flywayProperties", annotation.flywayProperties());
        if (Arrays.stream(annotation.schemas()).anyMatch(String::isBlank)) {
            throw invalid("schemas", quoted(annotation.schemas()), "names a blank schema",
                    "remove it, or name the schema, e.g. schemas = \"app\"");
        }
        if (Arrays.stream(annotation.locations()).anyMatch(String::isBlank)) {
            throw invalid("locations", quoted(annotation.locations()), "names a blank location",
                    "remove it, or name a folder, e.g. locations = \"classpath:db/migration\"");
        }
        if (annotation.locations().length == 0) {
            throw invalid("locations", "{}", "names no migration location", "name at least one, e.g. locations = \"classpath:db/migration\"");
        }
        spring.ifPresent(this::checkSpring);
    }

    private void checkSpring(SpringBootFlyway declared) {
        if (declared.name().isBlank() || declared.name().contains("/")) {
            throw new ExtensionConfigurationException("@SpringBootFlyway(name = \"" + declared.name() + "\") on "
                    + springOrigin.substring("@SpringBootFlyway on ".length()) + " is not a configuration base name.\n"
                    + "To fix this, give the file name without extension or folder, e.g. name = \"application\".");
        }
        if (Arrays.stream(declared.profiles()).anyMatch(p -> p.isBlank() || p.contains(","))) {
            throw new ExtensionConfigurationException("@SpringBootFlyway(profiles = " + quoted(declared.profiles())
                    + ") on " + springOrigin.substring("@SpringBootFlyway on ".length()) + " names a blank profile or"
                    + " several in one.\nTo fix this, name one profile per entry, e.g. profiles = {\"ci\", \"local\"}.");
        }
    }

    /** The declaration that applies to a test class: its own, an inherited one, or an enclosing class's. */
    static Optional<RehearsalDeclaration> find(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<MigrationRehearsal> found = AnnotationSupport.findAnnotation(type, MigrationRehearsal.class);
            if (found.isPresent()) {
                Class<?> springOn = null;
                Optional<SpringBootFlyway> spring = Optional.empty();
                for (Class<?> candidate = testClass; candidate != null && spring.isEmpty(); candidate = candidate.getEnclosingClass()) {
                    spring = AnnotationSupport.findAnnotation(candidate, SpringBootFlyway.class);
                    springOn = candidate;
                }
                return Optional.of(new RehearsalDeclaration(found.get(), type, spring, spring.isPresent() ? springOn : null));
            }
        }
        return Optional.empty();
    }

    List<Engine> engines() {
        return engines;
    }

    String origin() {
        return origin;
    }

    Optional<String> imageFor(Engine engine) {
        return Optional.ofNullable(images.get(engine));
    }

    String imagesOrigin() {
        return "@MigrationRehearsal(images) on " + origin.substring("@MigrationRehearsal on ".length());
    }

    Migrations migrations(ClassLoader classLoader) {
        if (spring.isEmpty()) {
            Migrations declared = Migrations.at(annotation.locations()).describedAs(origin).withClassLoader(classLoader)
                    .withPlaceholders(placeholders).withSchemas(annotation.schemas())
                    .withPostgresqlTransactionalLock(annotation.postgresqlTransactionalLock())
                    .withFlywayProperties(flywayProperties);
            return annotation.table().isBlank() ? declared : declared.withTable(annotation.table());
        }
        Migrations boot = Migrations.fromSpringBoot(spring.get().name(), List.of(spring.get().profiles()), classLoader,
                springOrigin);
        // the attributes set on @MigrationRehearsal win over the files: lists replace, maps add and override
        Map<String, String> mergedPlaceholders = new LinkedHashMap<>(boot.placeholders());
        mergedPlaceholders.putAll(placeholders);
        Map<String, String> mergedProperties = new LinkedHashMap<>(boot.flywayProperties());
        flywayProperties.forEach((key, value) -> mergedProperties.put(key.startsWith("flyway.") ? key : "flyway." + key, value));
        Migrations merged = boot.describedAs(origin + " with " + boot.origin()).withPlaceholders(mergedPlaceholders)
                .withFlywayProperties(mergedProperties)
                .withPostgresqlTransactionalLock(annotation.postgresqlTransactionalLock() && boot.postgresqlTransactionalLock());
        if (!Arrays.equals(annotation.locations(), DEFAULT_LOCATIONS)) {
            merged = merged.withLocations(annotation.locations());
        }
        if (annotation.schemas().length > 0) {
            merged = merged.withSchemas(annotation.schemas());
        }
        return annotation.table().isBlank() ? merged : merged.withTable(annotation.table());
    }

    private static final String[] DEFAULT_LOCATIONS = {"classpath:db/migration"};

    private List<Engine> engines(Engine[] declared) {
        if (declared.length == 0) {
            throw invalid("engines", "{}", "names no engine", "name at least one, e.g. engines = Engine.POSTGRESQL");
        }
        List<Engine> list = List.of(declared);
        if (list.stream().distinct().count() != list.size()) {
            throw invalid("engines", Arrays.toString(declared), "names an engine twice", "name each engine once");
        }
        return list;
    }

    private Map<Engine, String> images(String[] declared) {
        if (declared.length == 0) {
            return Map.of();
        }
        if (declared.length != engines.size()) {
            throw invalid("images", quoted(declared), "has " + declared.length + " image(s) for " + engines.size()
                    + " engine(s) " + engines, "give one image per engine, in the order of engines, and \"\" for an"
                    + " engine that keeps its default");
        }
        Map<Engine, String> map = new EnumMap<>(Engine.class);
        for (int i = 0; i < declared.length; i++) {
            if (!declared[i].isBlank()) {
                map.put(engines.get(i), declared[i].strip());
            }
        }
        return map;
    }

    private Map<String, String> pairs(String attribute, String[] declared) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : declared) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || entry.substring(0, eq).isBlank()) {
                throw invalid(attribute, "\"" + entry + "\"", "is not a name=value pair", "write it as name=value, e.g. \""
                        + ("placeholders".equals(attribute) ? "schema_owner=app" : "outOfOrder=true") + "\"");
            }
            map.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return map;
    }

    private ExtensionConfigurationException invalid(String attribute, String value, String problem, String fix) {
        return new ExtensionConfigurationException("@MigrationRehearsal(" + attribute + " = " + value + ") on "
                + origin.substring("@MigrationRehearsal on ".length()) + " " + problem + ".\nTo fix this, " + fix + ".");
    }

    private static String quoted(String[] values) {
        return Arrays.stream(values).map(v -> "\"" + v + "\"").collect(Collectors.joining(", ", "{", "}"));
    }
}
