package dev.doorstep.reliability;

import dev.doorstep.emulator.AwsEmulator;
import java.time.Duration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * SDK clients that reach the emulator through a {@link FaultProxy}, built as the functions build theirs
 * (URLConnection client, the SDK's default retries), with timeouts short enough that an outage ends an
 * invocation within Shopify's 5 seconds instead of hanging it.
 */
final class ProxiedAws {

    private ProxiedAws() {
    }

    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, AwsEmulator emulator,
            FaultProxy proxy) {
        return builder.endpointOverride(proxy.uri())
                .region(emulator.region())
                .credentialsProvider(emulator.credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofMillis(500))
                        .socketTimeout(Duration.ofMillis(4500)))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofMillis(4500))
                        .apiCallAttemptTimeout(Duration.ofMillis(4500)))
                .build();
    }
}
