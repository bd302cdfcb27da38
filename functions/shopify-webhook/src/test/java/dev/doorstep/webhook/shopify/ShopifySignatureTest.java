package dev.doorstep.webhook.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShopifySignatureTest {

    /** reference/shopify.md §1.3: recomputed with Python and matching a public test. */
    private static final byte[] BODY = "{\"id\":1234567890,\"email\":\"customer@example.com\",\"total_price\":\"123.45\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String VECTOR = "QNyObTlKbMx2qDlPF/ZOZcBqg5OgPg+2oky3zldc0Gw=";

    @Test
    void matchesShopifysTestVector() {
        assertThat(ShopifySignature.sign(BODY, "test-webhook-secret")).isEqualTo(VECTOR);
        assertThat(ShopifySignature.isValid(BODY, VECTOR, List.of("test-webhook-secret"))).isTrue();
    }

    @Test
    void eitherTheCurrentOrThePreviousSecretMaySign() {
        assertThat(ShopifySignature.isValid(BODY, VECTOR, List.of("new-secret", "test-webhook-secret"))).isTrue();
        assertThat(ShopifySignature.isValid(BODY, VECTOR, List.of("new-secret"))).isFalse();
    }

    @Test
    void aChangedBodyOrAMalformedHeaderNeverMatches() {
        byte[] changed = BODY.clone();
        changed[5]++;
        assertThat(ShopifySignature.isValid(changed, VECTOR, List.of("test-webhook-secret"))).isFalse();
        assertThat(ShopifySignature.isValid(BODY, "not base64!", List.of("test-webhook-secret"))).isFalse();
        assertThat(ShopifySignature.isValid(BODY, VECTOR.substring(0, 20), List.of("test-webhook-secret"))).isFalse();
        assertThat(ShopifySignature.isValid(BODY, "", List.of("test-webhook-secret"))).isFalse();
    }
}
