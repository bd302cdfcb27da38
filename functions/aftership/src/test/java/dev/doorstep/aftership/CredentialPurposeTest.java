package dev.doorstep.aftership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.emulator.WithAwsEmulator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * API keys and webhook secrets are told apart by KMS itself (the encryption context's {@code purpose}),
 * so an IAM condition on it can keep the public webhook function away from API keys.
 */
@WithAwsEmulator
class CredentialPurposeTest {

    static final String SHOP = "acme-tea.myshopify.com";

    private final KmsClient kms;
    private final String keyId;
    private final KmsApiKeyCipher cipher;

    CredentialPurposeTest(KmsClient kms) {
        this.kms = kms;
        this.keyId = kms.createKey(b -> b.description("purposes")).keyMetadata().keyId();
        this.cipher = new KmsApiKeyCipher(kms, keyId);
    }

    @Test
    void eachCiphertextCarriesItsPurposeInTheEncryptionContext() {
        byte[] apiKey = cipher.encryptApiKey(SHOP, "as-key-1");
        byte[] secret = cipher.encryptWebhookSecret(SHOP, "whsec-1");

        assertThat(decryptWith(apiKey, Map.of("shop", SHOP, "purpose", "aftership-api-key"))).isEqualTo("as-key-1");
        assertThat(decryptWith(secret, Map.of("shop", SHOP, "purpose", "aftership-webhook-secret")))
                .isEqualTo("whsec-1");
        assertThatThrownBy(() -> decryptWith(apiKey, Map.of("shop", SHOP, "purpose", "aftership-webhook-secret")))
                .as("an API key is no webhook secret to KMS").isInstanceOf(InvalidCiphertextException.class);
    }

    @Test
    void aCiphertextReadForTheOtherPurposeDoesNotDecrypt() {
        byte[] apiKey = cipher.encryptApiKey(SHOP, "as-key-1");
        byte[] secret = cipher.encryptWebhookSecret(SHOP, "whsec-1");

        assertThat(cipher.decryptApiKey(SHOP, apiKey)).isEqualTo("as-key-1");
        assertThat(cipher.decryptWebhookSecret(SHOP, secret)).isEqualTo("whsec-1");
        assertThatThrownBy(() -> cipher.decryptWebhookSecret(SHOP, apiKey))
                .isInstanceOf(InvalidCiphertextException.class);
        assertThatThrownBy(() -> cipher.decryptApiKey(SHOP, secret)).isInstanceOf(InvalidCiphertextException.class);
        assertThatThrownBy(() -> cipher.decryptApiKey("other.myshopify.com", apiKey))
                .isInstanceOf(InvalidCiphertextException.class);
    }

    @Test
    void aValueStoredBeforePurposesExistedIsStillReadWithTheShopAlone() {
        byte[] legacy = kms.encrypt(b -> b.keyId(keyId)
                .plaintext(SdkBytes.fromString("as-key-old", StandardCharsets.UTF_8))
                .encryptionContext(Map.of("shop", SHOP))).ciphertextBlob().asByteArray();

        assertThat(cipher.decryptApiKey(SHOP, legacy)).isEqualTo("as-key-old");
    }

    private String decryptWith(byte[] ciphertext, Map<String, String> context) {
        return kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(ciphertext)).encryptionContext(context))
                .plaintext().asString(StandardCharsets.UTF_8);
    }
}
