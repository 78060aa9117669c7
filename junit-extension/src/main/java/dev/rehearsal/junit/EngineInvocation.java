package dev.rehearsal.junit;

import dev.rehearsal.Engine;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/**
 * One run of a {@link RehearsalTest} method, on one engine.
 */
final class EngineInvocation implements TestTemplateInvocationContext {

    private final Engine engine;
    private final String methodDisplayName;

    EngineInvocation(Engine engine, String methodDisplayName) {
        this.engine = engine;
        this.methodDisplayName = methodDisplayName;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return methodDisplayName + " [" + engine.displayName() + "]";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new EngineBinding(engine));
    }

    /** Binds the invocation's engine in its store before anything of the test runs. */
    private static final class EngineBinding implements BeforeEachCallback {

        private final Engine engine;

        EngineBinding(Engine engine) {
            this.engine = engine;
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            context.getStore(MigrationRehearsalExtension.NAMESPACE).put(MigrationRehearsalExtension.ENGINE, engine);
            MigrationRehearsalExtension.prepare(context);
        }
    }
}
