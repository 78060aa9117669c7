package dev.rehearsal;

import dev.rehearsal.internal.Settings;
import dev.rehearsal.internal.jdbc.ConnectionPolicy;
import dev.rehearsal.internal.server.ServerSpec;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Which server rehearsals of one engine run on, chosen from settings the way the JUnit extension chooses: an existing
 * server when {@link RehearsalSettings#url(Engine)} is set; a Testcontainers container when an image is named (here or
 * by {@link RehearsalSettings#image(Engine)}); otherwise the embedded default (none for MySQL).
 *
 * <p>Equal requests ask for the same server: a tool that shares servers keys them by request.
 * <pre>{@code
 * ServerRequest request = ServerRequest.of(Engine.MARIADB, RehearsalSettings.fromSystem());
 * try (RehearsalServer server = request.start()) { ... }
 * }</pre>
 *
 * @since 0.1
 */
public final class ServerRequest {

    private final ServerSpec spec;
    private final Settings settings;
    private final ConnectionPolicy policy;
    private final Duration startupTimeout;
    private final boolean leastPrivilege;

    private ServerRequest(ServerSpec spec, Settings settings) {
        this.spec = spec;
        this.settings = settings;
        this.policy = settings.connectionPolicy();
        this.startupTimeout = settings.startupTimeout();
        this.leastPrivilege = settings.leastPrivilege(spec.kind());
    }

    /**
     * Choose the server for an engine from settings.
     *
     * @param engine the engine; must not be {@code null}
     * @param settings where the keys of {@link RehearsalSettings} are read; must not be {@code null}
     * @return the request; never {@code null}
     * @throws RehearsalConfigurationException if a setting is malformed (a URL of another engine, a timeout in the
     *     URL, a duration that is not one), naming the key, the value and the fix
     * @throws DatabaseUnavailableException for MySQL with neither a URL nor an image: it has no embedded server
     */
    public static ServerRequest of(Engine engine, RehearsalSettings settings) {
        return select(engine, settings, Optional.empty(), "");
    }

    /**
     * Choose the server for an engine, in a container of this image unless an existing server's URL is set: an image
     * named by the caller (an annotation, a plugin's configuration) wins over {@link RehearsalSettings#image(Engine)}.
     *
     * @param engine the engine; must not be {@code null}
     * @param settings where the keys of {@link RehearsalSettings} are read; must not be {@code null}
     * @param image the image, e.g. {@code "postgres:17"}; must not be blank
     * @param imageOrigin where the image was named, for messages, e.g. {@code "@MigrationRehearsal(images) on OrdersTest"}
     * @return the request; never {@code null}
     * @throws RehearsalConfigurationException if a setting is malformed or the image is blank
     */
    public static ServerRequest of(Engine engine, RehearsalSettings settings, String image, String imageOrigin) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(imageOrigin, "imageOrigin");
        if (image.isBlank()) {
            throw new RehearsalConfigurationException(imageOrigin + " names a blank image for " + engine.displayName()
                    + ".\nTo fix this, name an image, e.g. \"postgres:17\", or leave the image out for the default server.");
        }
        return select(engine, settings, Optional.of(image.strip()), imageOrigin);
    }

    private static ServerRequest select(Engine engine, RehearsalSettings settings, Optional<String> image, String origin) {
        Objects.requireNonNull(engine, "engine");
        Settings internal = Settings.of(Objects.requireNonNull(settings, "settings"));
        return new ServerRequest(ServerSpec.select(engine, image, origin, internal), internal);
    }

    /**
     * Start the server, or connect to the existing one. Takes seconds for an embedded server or a container, and
     * prints a line when it starts and when it is ready unless {@link RehearsalSettings#REPORT_ENABLED} is off.
     *
     * @return the server; close it to stop what the harness started
     * @throws DatabaseUnavailableException if the server cannot be started or reached; the message says how to
     *     provide one
     */
    public RehearsalServer start() {
        return RehearsalServer.start(spec, settings);
    }

    /**
     * Return the engine.
     *
     * @return the engine; never {@code null}
     */
    public Engine engine() {
        return spec.engine();
    }

    /**
     * Return what will provide the server.
     *
     * @return embedded, container or existing; never {@code null}
     */
    public ProviderKind provider() {
        return spec.kind();
    }

    /**
     * Return the container image, for a container.
     *
     * @return the image; empty for an embedded or existing server
     */
    public Optional<String> image() {
        return spec.image();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerRequest that && spec.equals(that.spec) && policy.equals(that.policy)
                && startupTimeout.equals(that.startupTimeout) && leastPrivilege == that.leastPrivilege;
    }

    @Override
    public int hashCode() {
        return Objects.hash(spec, policy, startupTimeout, leastPrivilege);
    }

    /** Describes the request; a password never appears. */
    @Override
    public String toString() {
        return spec.toString();
    }
}
