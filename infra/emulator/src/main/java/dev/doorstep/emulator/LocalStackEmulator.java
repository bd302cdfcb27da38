package dev.doorstep.emulator;

import java.net.URI;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack in a container through Testcontainers, for machines with Docker (selected with
 * {@code DOORSTEP_EMULATOR=localstack}; the image is {@code DOORSTEP_LOCALSTACK_IMAGE}).
 * LocalStack's image needs an auth token since March 2026: pass {@code LOCALSTACK_AUTH_TOKEN}.
 */
final class LocalStackEmulator implements AwsEmulator {

    private final LocalStackContainer container;

    private LocalStackEmulator(LocalStackContainer container) {
        this.container = container;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' Ryuk or the shutdown hook
    static LocalStackEmulator start() {
        String image = System.getenv().getOrDefault("DOORSTEP_LOCALSTACK_IMAGE", "localstack/localstack:4");
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(image));
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token != null) {
            container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "localstack-stop"));
        return new LocalStackEmulator(container);
    }

    @Override
    public String kind() {
        return "localstack";
    }

    @Override
    public URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public void reset() {
        // LocalStack has no cheap global reset; tests keep apart by unique resource names.
    }

    @Override
    public SentEmails sentEmails() {
        return new EmulatorSentEmails(endpoint());
    }
}
