package dev.doorstep.emulator;

import java.net.URI;

/**
 * Picks the emulator once per JVM, by one switch:
 * <ol>
 *   <li>{@code AWS_ENDPOINT_URL} set: use what it names;</li>
 *   <li>{@code DOORSTEP_EMULATOR=localstack} and Docker available: LocalStack via Testcontainers;</li>
 *   <li>otherwise moto's server mode from the project's virtualenv.</li>
 * </ol>
 */
public final class AwsEmulators {

    private static AwsEmulator shared;

    private AwsEmulators() {
    }

    public static synchronized AwsEmulator shared() {
        if (shared == null) {
            shared = choose();
        }
        return shared;
    }

    private static AwsEmulator choose() {
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            return new ExternalEmulator(URI.create(endpoint.trim()));
        }
        String wanted = System.getenv().getOrDefault("DOORSTEP_EMULATOR", "moto");
        if (wanted.equalsIgnoreCase("localstack")) {
            if (!LocalStackEmulator.dockerAvailable()) {
                throw new IllegalStateException("DOORSTEP_EMULATOR=localstack but no Docker engine answers; "
                        + "unset it to use moto");
            }
            return LocalStackEmulator.start();
        }
        return MotoServer.start();
    }
}
