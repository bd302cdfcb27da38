package dev.doorstep.emulator;

import java.net.URI;

/**
 * Whatever {@code AWS_ENDPOINT_URL} names (a LocalStack or moto someone else runs). Not ours to
 * reset; tests keep apart by unique resource names.
 */
final class ExternalEmulator implements AwsEmulator {

    private final URI endpoint;

    ExternalEmulator(URI endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public String kind() {
        return "external";
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void reset() {
        // not ours
    }

    @Override
    public SentEmails sentEmails() {
        return EmulatorSentEmails.probe(endpoint);
    }
}
