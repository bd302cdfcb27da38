package dev.doorstep.lambda;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds SDK clients for a Lambda container the cheap way: the URLConnection HTTP client, the region
 * and credentials read straight from the environment Lambda sets (no provider chains to walk), and
 * {@code AWS_ENDPOINT_URL} honoured so the same code runs against the emulator.
 */
public final class AwsClients {

    private AwsClients() {
    }

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        String region = System.getenv().getOrDefault("AWS_REGION", "us-east-1");
        builder.region(Region.of(region))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint.trim()));
        }
        return builder.build();
    }

    /** A required setting from the function's environment, with a clear error when it is missing. */
    public static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set (see template.yaml)");
        }
        return value;
    }
}
