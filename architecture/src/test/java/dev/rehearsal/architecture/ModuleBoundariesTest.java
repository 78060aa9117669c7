package dev.rehearsal.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the modules meet. The core ({@code harness-core}) is the only way in: every other module, its tests included,
 * uses only its public types, so a change inside the core cannot break another module silently. And no public type of
 * any module shows a user a type of the libraries underneath, nor an internal one.
 *
 * <p>Reads the classes each module compiled under {@code target/}: run from the root ({@code mvn verify}), which
 * builds every module before this one.
 */
class ModuleBoundariesTest {

    /** The modules outside the core, whose main and test classes are checked. */
    private static final List<String> OTHER_MODULES = List.of("data-generators", "junit-extension", "benchmarks",
            "embedded-mariadb", "embedded-postgres", "containers", "maven-plugin", "samples");

    private static final String CORE_INTERNAL = "dev.rehearsal.internal.";

    /** Types a public signature must not show: the libraries underneath, and internal packages of any module. */
    private static final List<String> HIDDEN = List.of("org.flywaydb.", "org.testcontainers.", "net.datafaker.",
            "io.zonky.", "ch.vorburger.", "org.postgresql.", "com.mysql.", "org.mariadb.");

    private static final Map<String, JavaClasses> MAIN = new LinkedHashMap<>();
    private static final Map<String, JavaClasses> TEST = new LinkedHashMap<>();

    @BeforeAll
    static void importEveryModule() {
        Path root = Path.of(System.getProperty("architecture.root", "..")).toAbsolutePath().normalize();
        for (String module : Stream.concat(Stream.of("harness-core"), OTHER_MODULES.stream()).toList()) {
            Path dir = root.resolve(module);
            MAIN.put(module, importFrom(dir.resolve("src/main/java"), dir.resolve("target/classes"), module));
            TEST.put(module, importFrom(dir.resolve("src/test/java"), dir.resolve("target/test-classes"), module));
        }
    }

    private static JavaClasses importFrom(Path sources, Path directory, String module) {
        if (!Files.isDirectory(sources)) {
            return new ClassFileImporter().importClasses(List.of()); // nothing to compile, nothing to check
        }
        if (!Files.isDirectory(directory)) {
            // a module that compiled nothing into a folder still has it once built; its absence means it was not built
            throw new IllegalStateException(directory + " does not exist, so the classes of " + module + " cannot be"
                    + " checked.\nTo fix this, run the build from the root (mvn verify), which compiles every module first.");
        }
        return new ClassFileImporter().importPath(directory);
    }

    @Test
    void the_checks_see_the_classes_they_guard() {
        // a rule over no classes passes whatever the code does: make sure each module's classes were read
        assertThat(MAIN.get("harness-core").contain("dev.rehearsal.RehearsalServer")).isTrue();
        assertThat(MAIN.get("junit-extension").contain("dev.rehearsal.junit.MigrationRehearsal")).isTrue();
        assertThat(MAIN.get("data-generators").contain("dev.rehearsal.data.internal.DataSeeder")).isTrue();
        assertThat(MAIN.get("benchmarks").contain("dev.rehearsal.benchmarks.SeedBenchmark")).isTrue();
        assertThat(TEST.get("junit-extension").contain("dev.rehearsal.junit.KitServers")).isTrue();
        assertThat(TEST.get("samples")).isNotEmpty();
        assertThat(TEST.get("harness-core").contain("dev.rehearsal.support.TestDatabases")).isTrue();
    }

    @Test
    void no_class_outside_the_core_touches_its_internal_packages() {
        List<String> violations = new ArrayList<>();
        for (String module : OTHER_MODULES) {
            for (JavaClasses classes : List.of(MAIN.get(module), TEST.get(module))) {
                for (JavaClass type : classes) {
                    for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                        if (dependency.getTargetClass().getName().startsWith(CORE_INTERNAL)) {
                            violations.add(module + ": " + dependency.getDescription());
                        }
                    }
                }
            }
        }
        assertThat(violations).as("uses of dev.rehearsal.internal outside harness-core; use the public API"
                + " (RehearsalServer, Migrations, the seed SPI) or make what is missing public").isEmpty();
    }

    @Test
    void the_core_test_support_other_modules_use_offers_only_public_types() {
        // the shared test support is the core's, but other modules call it: what it hands them must be public
        List<String> violations = new ArrayList<>();
        for (String module : OTHER_MODULES) {
            for (JavaClass type : TEST.get(module)) {
                type.getDirectDependenciesFromSelf().stream()
                        .map(Dependency::getTargetClass)
                        .filter(target -> target.getPackageName().equals("dev.rehearsal.support"))
                        .distinct()
                        .forEach(support -> violations.addAll(exposed(support, false).stream()
                                .filter(v -> usedBy(type, v)).toList()));
            }
        }
        assertThat(violations).isEmpty();
    }

    private static boolean usedBy(JavaClass caller, String violation) {
        return caller.getMethodCallsFromSelf().stream()
                .anyMatch(call -> violation.startsWith(call.getTarget().getOwner().getSimpleName() + "." + call.getName() + "("));
    }

    @Test
    void public_types_expose_no_library_type_and_no_internal_one() {
        Set<String> violations = new TreeSet<>();
        for (Map.Entry<String, JavaClasses> module : MAIN.entrySet()) {
            for (JavaClass type : module.getValue()) {
                if (isApi(type)) {
                    exposed(type, true).forEach(v -> violations.add(module.getKey() + ": " + v));
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    /** A public type, in no internal package of any module (they are {@code ..internal..} by the modules' rule). */
    private static boolean isApi(JavaClass type) {
        boolean visible = type.getModifiers().contains(JavaModifier.PUBLIC)
                && type.getEnclosingClass().map(ModuleBoundariesTest::isApi).orElse(true);
        return visible && !type.getPackageName().contains(".internal") && !type.isAnonymousClass();
    }

    /** What the public and protected members of a type show that they should not, e.g. {@code Rehearsal.flyway() returns org.flywaydb...}. */
    private static List<String> exposed(JavaClass type, boolean internalToo) {
        List<String> found = new ArrayList<>();
        List<JavaMember> members = new ArrayList<>();
        members.addAll(type.getCodeUnits());
        members.addAll(type.getFields());
        for (JavaMember member : members) {
            Set<JavaModifier> modifiers = member.getModifiers();
            if (!modifiers.contains(JavaModifier.PUBLIC) && !modifiers.contains(JavaModifier.PROTECTED)) {
                continue;
            }
            List<JavaType> shown = new ArrayList<>();
            if (member instanceof JavaCodeUnit unit) {
                shown.add(unit.getReturnType());
                shown.addAll(unit.getParameterTypes());
                unit.getThrowsClause().getTypes().forEach(shown::add);
            } else if (member instanceof JavaField field) {
                shown.add(field.getType());
            }
            for (JavaType javaType : shown) {
                for (JavaClass raw : javaType.getAllInvolvedRawTypes()) {
                    String name = raw.getName();
                    boolean hidden = HIDDEN.stream().anyMatch(name::startsWith)
                            || (internalToo && name.contains(".internal."));
                    if (hidden) {
                        found.add(type.getSimpleName() + "." + member.getName()
                                + (member instanceof JavaCodeUnit ? "(...)" : "") + " shows " + name);
                    }
                }
            }
        }
        return found;
    }
}
