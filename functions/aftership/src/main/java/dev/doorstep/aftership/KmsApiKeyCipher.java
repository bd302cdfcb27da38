package dev.doorstep.aftership;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Encrypts AfterShip API keys (and webhook secrets) with KMS for storage. The shop's domain is the
 * encryption context, so a ciphertext copied onto another shop's item does not decrypt.
 */
public final class KmsApiKeyCipher {

    private static final String CONTEXT = "shop";

    private final KmsClient kms;
    private final String keyId;

    /** @param keyId the KMS key to encrypt with (decrypting needs none: the ciphertext names it) */
    public KmsApiKeyCipher(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    public byte[] encrypt(String shop, String secret) {
        return kms.encrypt(b -> b.keyId(keyId)
                        .plaintext(SdkBytes.fromString(secret, StandardCharsets.UTF_8))
                        .encryptionContext(Map.of(CONTEXT, shop)))
                .ciphertextBlob().asByteArray();
    }

    public String decrypt(String shop, byte[] ciphertext) {
        return kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(ciphertext))
                        .encryptionContext(Map.of(CONTEXT, shop)))
                .plaintext().asString(StandardCharsets.UTF_8);
    }
}
