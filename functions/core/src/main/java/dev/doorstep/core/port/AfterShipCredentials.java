package dev.doorstep.core.port;

import java.util.Arrays;
import java.util.Objects;

/**
 * A shop's AfterShip secrets as stored: opaque ciphertexts (KMS), never the clear text. Only the
 * AfterShip adapter decrypts them.
 *
 * @param apiKey the encrypted AfterShip API key
 * @param webhookSecret the encrypted AfterShip webhook signing secret, or null when none was saved
 */
public record AfterShipCredentials(byte[] apiKey, byte[] webhookSecret) {

    public AfterShipCredentials {
        Objects.requireNonNull(apiKey, "apiKey");
        apiKey = apiKey.clone();
        webhookSecret = webhookSecret == null ? null : webhookSecret.clone();
    }

    @Override
    public byte[] apiKey() {
        return apiKey.clone();
    }

    @Override
    public byte[] webhookSecret() {
        return webhookSecret == null ? null : webhookSecret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AfterShipCredentials other && Arrays.equals(apiKey, other.apiKey)
                && Arrays.equals(webhookSecret, other.webhookSecret);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(apiKey) + Arrays.hashCode(webhookSecret);
    }

    @Override
    public String toString() {
        return "AfterShipCredentials[ciphertexts withheld]";
    }
}
