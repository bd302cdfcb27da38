package dev.doorstep.lambda;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds SDK clients for a Lambda container the cheap way: the URLConnection HTTP client, the region
 * read straight from the environment Lambda sets, credentials from where Lambda puts them, and
 * {@code AWS_ENDPOINT_URL} honoured so the same code runs against the emulator.
 */
public final class AwsClients {

    /** Set by Lambda for SnapStart functions instead of the access-key variables (and by ECS). */
    static final String CONTAINER_CREDENTIALS_FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    static final String CONTAINER_CREDENTIALS_RELATIVE_URI = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";

    private AwsClients() {
    }

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        Map<String, String> env = System.getenv();
        builder.region(Region.of(env.getOrDefault("AWS_REGION", "us-east-1")))
                .credentialsProvider(credentials(env))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        String endpoint = env.get("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint.trim()));
        }
        return builder.build();
    }

    /**
     * Where this container's credentials are. A SnapStart function gets no {@code AWS_ACCESS_KEY_ID}:
     * Lambda serves its credentials from a local endpoint named by {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}
     * with {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}, and they expire, so the provider fetches and
     * refreshes them there (also after a restore). Anywhere else the SDK's default chain, whose first
     * link is the access-key variables of an on-demand function.
     */
    static AwsCredentialsProvider credentials(Map<String, String> env) {
        if (isSet(env, CONTAINER_CREDENTIALS_FULL_URI) || isSet(env, CONTAINER_CREDENTIALS_RELATIVE_URI)) {
            return ContainerCredentialsProvider.builder().asyncCredentialUpdateEnabled(false).build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
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
