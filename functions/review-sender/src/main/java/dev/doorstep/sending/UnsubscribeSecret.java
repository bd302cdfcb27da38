package dev.doorstep.sending;

import dev.doorstep.lambda.AwsClients;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The key that signs unsubscribe links, read once per container from Secrets Manager (env
 * {@code UNSUBSCRIBE_SECRET_ARN}) so it is in no environment variable and no log. The sender signs
 * with it and the unsubscribe endpoint verifies with it, so both read the same secret.
 */
final class UnsubscribeSecret {

    private UnsubscribeSecret() {
    }

    static byte[] fromEnvironment() {
        try (SecretsManagerClient secrets = AwsClients.build(SecretsManagerClient.builder())) {
            return load(secrets, AwsClients.requiredEnv("UNSUBSCRIBE_SECRET_ARN"));
        }
    }

    static byte[] load(SecretsManagerClient secrets, String secretId) {
        String value = secrets.getSecretValue(b -> b.secretId(secretId)).secretString();
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the unsubscribe secret " + secretId + " is empty");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
