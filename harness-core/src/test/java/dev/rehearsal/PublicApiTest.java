package dev.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API is small and stands on its own: no Flyway, Testcontainers, Datafaker or internal type appears in
 * the signature of anything public outside the internal packages.
 */
class PublicApiTest {

    private static final List<String> FORBIDDEN = List.of("org.flywaydb.", "org.testcontainers.", "net.datafaker.",
            "io.zonky.", "ch.vorburger.", "dev.rehearsal.internal.", "org.postgresql.", "com.mysql.");

    @Test
    void public_signatures_expose_no_third_party_or_internal_types() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : publicApiClasses()) {
            List<Executable> members = new ArrayList<>(List.of(type.getConstructors()));
            members.addAll(List.of(type.getMethods()));
            for (Executable member : members) {
                if (member.getDeclaringClass() != type) {
                    continue;
                }
                List<Type> types = new ArrayList<>(List.of(member.getGenericParameterTypes()));
                if (member instanceof Method method) {
                    types.add(method.getGenericReturnType());
                }
                types.addAll(List.of(member.getGenericExceptionTypes()));
                types.stream().flatMap(PublicApiTest::flatten).filter(PublicApiTest::forbidden)
                        .forEach(t -> leaks.add(type.getSimpleName() + "." + member.getName() + " uses " + t.getTypeName()));
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    flatten(component.getGenericType()).filter(PublicApiTest::forbidden)
                            .forEach(t -> leaks.add(type.getSimpleName() + "." + component.getName() + " is " + t.getTypeName()));
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void the_public_api_is_the_documented_handful_of_types() throws Exception {
        assertThat(publicApiClasses()).extracting(Class::getName).containsExactlyInAnyOrder(
                "dev.rehearsal.AppliedMigration", "dev.rehearsal.DatabaseInfo", "dev.rehearsal.DatabaseUnavailableException",
                "dev.rehearsal.Engine", "dev.rehearsal.ExecutedStatement", "dev.rehearsal.Failure",
                "dev.rehearsal.FailureClass", "dev.rehearsal.LeftBehind", "dev.rehearsal.ProviderKind",
                "dev.rehearsal.Rehearsal", "dev.rehearsal.RehearsalConfigurationException",
                "dev.rehearsal.RehearsalException", "dev.rehearsal.RehearsalSettings", "dev.rehearsal.RepairOutcome",
                "dev.rehearsal.HistoryRow", "dev.rehearsal.Leftover", "dev.rehearsal.LeftoverKind",
                "dev.rehearsal.Damage", "dev.rehearsal.DamageKind", "dev.rehearsal.HeldLock", "dev.rehearsal.LockSpec",
                "dev.rehearsal.WriteLoad", "dev.rehearsal.WriteWaits", "dev.rehearsal.RunningWrites",
                "dev.rehearsal.Finding", "dev.rehearsal.FindingKind",
                "dev.rehearsal.ConnectionFault", "dev.rehearsal.CutPoint", "dev.rehearsal.CutPoints",
                "dev.rehearsal.Recovery", "dev.rehearsal.FaultReport", "dev.rehearsal.assertions.CutPointsAssert",
                "dev.rehearsal.assertions.WriteWaitsAssert",
                "dev.rehearsal.MigrationStatus", "dev.rehearsal.assertions.RehearsalAssert", "dev.rehearsal.schema.SchemaDiff",
                "dev.rehearsal.StepOutcome", "dev.rehearsal.UnsafeOperationException",
                "dev.rehearsal.assertions.EngineError", "dev.rehearsal.assertions.FailureAssert",
                "dev.rehearsal.assertions.LeftBehindAssert", "dev.rehearsal.assertions.RehearsalAssertions",
                "dev.rehearsal.assertions.StepOutcomeAssert",
                "dev.rehearsal.schema.Check", "dev.rehearsal.schema.Column", "dev.rehearsal.schema.ColumnType",
                "dev.rehearsal.schema.ForeignKey", "dev.rehearsal.schema.Index", "dev.rehearsal.schema.Key",
                "dev.rehearsal.schema.Schema", "dev.rehearsal.schema.Table",
                "dev.rehearsal.seed.ColumnValues", "dev.rehearsal.seed.Defect", "dev.rehearsal.seed.DefectKind",
                "dev.rehearsal.seed.PlantedDefect", "dev.rehearsal.seed.SeedPlan", "dev.rehearsal.seed.SeedReport",
                "dev.rehearsal.seed.SeededState",
                "dev.rehearsal.snapshot.DataDiff", "dev.rehearsal.snapshot.DataMapping",
                "dev.rehearsal.snapshot.DataSnapshot", "dev.rehearsal.snapshot.ValueText",
                "dev.rehearsal.Migrations", "dev.rehearsal.RehearsalServer", "dev.rehearsal.ServerRequest",
                "dev.rehearsal.seed.spi.Seeder", "dev.rehearsal.seed.spi.SeedTerms",
                "dev.rehearsal.seed.BreakingData", "dev.rehearsal.seed.DerivedDefect",
                "dev.rehearsal.sweep.Sweep", "dev.rehearsal.sweep.SweepResult", "dev.rehearsal.sweep.MigrationVerdict",
                "dev.rehearsal.sweep.CaseResult", "dev.rehearsal.sweep.SweepReport", "dev.rehearsal.sweep.SweepPolicy",
                "dev.rehearsal.sweep.SweepBaseline", "dev.rehearsal.sweep.Repeatables");
    }

    private static List<Class<?>> publicApiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.startsWith("dev.rehearsal.internal.") || name.contains("$") || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name);
                if (Modifier.isPublic(type.getModifiers())) {
                    classes.add(type);
                }
            }
        }
        return classes;
    }

    private static Stream<Type> flatten(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return Stream.concat(Stream.of(parameterized.getRawType()),
                    Stream.of(parameterized.getActualTypeArguments()).flatMap(PublicApiTest::flatten));
        }
        return Stream.of(type);
    }

    private static boolean forbidden(Type type) {
        String name = type.getTypeName();
        return FORBIDDEN.stream().anyMatch(name::startsWith);
    }
}
