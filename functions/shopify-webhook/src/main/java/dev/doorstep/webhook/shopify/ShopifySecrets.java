package dev.doorstep.webhook.shopify;

import java.util.List;
import java.util.stream.Stream;

/**
 * The app's client secrets that may sign a webhook: the current one, and the previous one while a
 * rotation is under way (Shopify may sign with the old secret for up to an hour).
 */
public interface ShopifySecrets {

    /** Current first; never empty. */
    List<String> signingSecrets();

    /** Reads the secrets again if the source allows it now; true when they were re-read. */
    default boolean refresh() {
        return false;
    }

    /** Fixed secrets, e.g. {@code SHOPIFY_API_SECRET} for the local runtime, or a test secret. */
    static ShopifySecrets of(String current, String previous) {
        List<String> secrets = Stream.of(current, previous).filter(s -> s != null && !s.isBlank()).toList();
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("no Shopify secret configured");
        }
        return () -> secrets;
    }
}
