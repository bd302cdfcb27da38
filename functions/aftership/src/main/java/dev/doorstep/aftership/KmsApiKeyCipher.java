package dev.doorstep.aftership;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * Encrypts AfterShip API keys and webhook secrets, and shops' Shopify access tokens, with KMS for storage. The encryption context holds the
 * shop (a ciphertext copied onto another shop's item does not decrypt) and the {@link CredentialPurpose}
 * (IAM lets each function decrypt only the purposes it needs).
 */
public final class KmsApiKeyCipher {

    private static final String SHOP = "shop";
    private static final String PURPOSE = "purpose";

    private final KmsClient kms;
    private final String keyId;

    /** @param keyId the KMS key to encrypt with (decrypting needs none: the ciphertext names it) */
    public KmsApiKeyCipher(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    public byte[] encryptApiKey(String shop, String apiKey) {
        return encrypt(shop, CredentialPurpose.API_KEY, apiKey);
    }

    public byte[] encryptWebhookSecret(String shop, String webhookSecret) {
        return encrypt(shop, CredentialPurpose.WEBHOOK_SECRET, webhookSecret);
    }

    public byte[] encryptShopifyAccessToken(String shop, String accessToken) {
        return encrypt(shop, CredentialPurpose.SHOPIFY_ACCESS_TOKEN, accessToken);
    }

    public String decryptApiKey(String shop, byte[] ciphertext) {
        return decrypt(shop, CredentialPurpose.API_KEY, ciphertext);
    }

    public String decryptWebhookSecret(String shop, byte[] ciphertext) {
        return decrypt(shop, CredentialPurpose.WEBHOOK_SECRET, ciphertext);
    }

    /** Stored only with its purpose, so no fallback to the shop-only context of older values. */
    public String decryptShopifyAccessToken(String shop, byte[] ciphertext) {
        return decrypt(ciphertext, context(shop, CredentialPurpose.SHOPIFY_ACCESS_TOKEN));
    }

    private byte[] encrypt(String shop, CredentialPurpose purpose, String secret) {
        return kms.encrypt(b -> b.keyId(keyId)
                        .plaintext(SdkBytes.fromString(secret, StandardCharsets.UTF_8))
                        .encryptionContext(context(shop, purpose)))
                .ciphertextBlob().asByteArray();
    }

    /**
     * With the purpose first; a value stored before purposes existed (context: the shop only) is read
     * with the shop alone, where IAM allows it (docs/security.md: only the API-key readers may, until
     * the shop saves its credentials again).
     */
    private String decrypt(String shop, CredentialPurpose purpose, byte[] ciphertext) {
        try {
            return decrypt(ciphertext, context(shop, purpose));
        } catch (InvalidCiphertextException e) {
            return decrypt(ciphertext, Map.of(SHOP, shop));
        }
    }

    private String decrypt(byte[] ciphertext, Map<String, String> context) {
        return kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(ciphertext)).encryptionContext(context))
                .plaintext().asString(StandardCharsets.UTF_8);
    }

    private static Map<String, String> context(String shop, CredentialPurpose purpose) {
        return Map.of(SHOP, shop, PURPOSE, purpose.contextValue());
    }
}
