package dev.doorstep.emulator;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * An AWS endpoint on loopback that speaks the real wire protocols: moto's server, LocalStack, or
 * whatever {@code AWS_ENDPOINT_URL} names. Tests get real SDK clients from it; nothing is mocked.
 */
public interface AwsEmulator {

    Region REGION = Region.US_EAST_1;
    String ACCOUNT_ID = "123456789012";

    /** "moto", "localstack" or "external". */
    String kind();

    URI endpoint();

    default Region region() {
        return REGION;
    }

    default AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }

    /** Forgets every resource, where the emulator is ours to reset; a no-op for an external one. */
    void reset();

    /** The review-request emails SES accepted so far, read back from the emulator. */
    SentEmails sentEmails();

    /** Points a client builder at this emulator: endpoint, region, dummy credentials, light HTTP client. */
    default <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(endpoint())
                .region(region())
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
