package dev.rehearsal.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Users see the annotations and the sweep's test factory; the extension and its helpers stay package-private. */
class PublicApiTest {

    @Test
    void only_the_annotations_and_the_sweep_test_factory_are_public() throws Exception {
        Path root = Path.of(MigrationRehearsal.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(name -> !name.contains("$"))
                    .map(PublicApiTest::load)
                    .filter(type -> Modifier.isPublic(type.getModifiers()))
                    .map(Class::getName))
                    .containsExactlyInAnyOrder("dev.rehearsal.junit.MigrationRehearsal", "dev.rehearsal.junit.RehearsalTest",
                            "dev.rehearsal.junit.SeedData", "dev.rehearsal.junit.PlantDefect",
                            "dev.rehearsal.junit.SpringBootFlyway", "dev.rehearsal.junit.RehearsalDataSource",
                            "dev.rehearsal.junit.PlantDerivedDefects", "dev.rehearsal.junit.MigrationSweep");
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
