package dev.doorstep.aftership;

/**
 * What a stored ciphertext is, written into its KMS encryption context as {@code purpose}. Why: IAM
 * grants decryption per purpose ({@code kms:EncryptionContext:purpose} in template.yaml), so the public
 * webhook function can read webhook secrets and never a shop's API key, and the review sender reads the
 * shop's Shopify token and no AfterShip credential.
 */
public enum CredentialPurpose {
    API_KEY("aftership-api-key"),
    WEBHOOK_SECRET("aftership-webhook-secret"),
    SHOPIFY_ACCESS_TOKEN("shopify-access-token");

    private final String contextValue;

    CredentialPurpose(String contextValue) {
        this.contextValue = contextValue;
    }

    /** The encryption context's {@code purpose} value (template.yaml's conditions name the same strings). */
    public String contextValue() {
        return contextValue;
    }
}
