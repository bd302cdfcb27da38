package dev.doorstep.aftership.sandbox;

import java.time.Instant;

/**
 * One API request as the sandbox saw it, so tests can check what a client sent. The API key itself
 * is not kept, only which header carried it.
 *
 * @param keyHeader {@code as-api-key}, {@code aftership-api-key} or null
 * @param keyId the account the key belongs to ({@link AfterShipSandbox#accountId}: a hash, not the key)
 */
public record RecordedRequest(Instant at, String method, String path, String query, String version,
        String keyHeader, String keyId, String body, int status) {
}
