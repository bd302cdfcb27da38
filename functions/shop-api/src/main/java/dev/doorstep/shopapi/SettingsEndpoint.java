package dev.doorstep.shopapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.core.model.FieldErrors;
import dev.doorstep.core.model.InvalidSettingException;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.port.AfterShipCredentialStore;
import dev.doorstep.core.port.AfterShipCredentials;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.settings.SettingsUpdate;
import java.time.Clock;
import java.util.Optional;

/**
 * GET and PUT /shops/{shop}/settings. Everything is checked before anything is written: the
 * settings' values and the AfterShip key (with AfterShip), every bad field gathered into one refusal;
 * only then is the key encrypted and does {@link SettingsUpdate} save.
 */
final class SettingsEndpoint {

    private final ShopStore shops;
    private final AfterShipCredentialStore credentials;
    private final AfterShipKeyCheck keyCheck;
    private final KmsApiKeyCipher cipher;
    private final SettingsUpdate update;
    private final Clock clock;

    SettingsEndpoint(ShopStore shops, AfterShipCredentialStore credentials, AfterShipKeyCheck keyCheck,
            KmsApiKeyCipher cipher, SettingsUpdate update, Clock clock) {
        this.shops = shops;
        this.credentials = credentials;
        this.keyCheck = keyCheck;
        this.cipher = cipher;
        this.update = update;
        this.clock = clock;
    }

    Optional<ObjectNode> get(String shop) {
        return shops.find(shop).map(s -> SettingsJson.view(s, credentials.find(shop).isPresent()));
    }

    /**
     * @throws InvalidSettingException naming every bad field; nothing is saved then
     * @throws AfterShipUnreachableException when the key could not be checked; nothing is saved then
     */
    ObjectNode put(String shop, ObjectNode body) {
        ShopSettings base = shops.find(shop).map(Shop::settings).orElseGet(() -> ShopSettings.defaults(shop));
        FieldErrors errors = new FieldErrors();
        Optional<ShopSettings> next = SettingsJson.apply(base, body, errors);
        String apiKey = SettingsJson.secret(body, SettingsJson.API_KEY, errors);
        String webhookSecret = SettingsJson.secret(body, SettingsJson.WEBHOOK_SECRET, errors);
        checkSecrets(shop, SettingsJson.aftershipEnabled(base, body), apiKey, webhookSecret, errors);
        errors.throwIfAny();
        SettingsUpdate.SettingsSaved saved = update.save(next.orElseThrow(),
                newCredentials(shop, apiKey, webhookSecret), clock.instant());
        ObjectNode view = SettingsJson.view(saved.shop(), saved.apiKeySaved());
        view.put("ordersMovedToFulfillmentTiming", saved.ordersMovedToFulfillmentTiming());
        return view;
    }

    /**
     * Adds the secrets' errors. A new key is checked with AfterShip even when other fields are bad, so one
     * answer names the key too; the check creates nothing at AfterShip.
     */
    private void checkSecrets(String shop, boolean aftershipOn, String apiKey, String webhookSecret,
            FieldErrors errors) {
        if (!aftershipOn && (apiKey != null || webhookSecret != null)) {
            errors.add(apiKey != null ? SettingsJson.API_KEY : SettingsJson.WEBHOOK_SECRET,
                    "is kept only while the AfterShip integration is on; send aftershipEnabled: true with it");
            return;
        }
        update.missingKey(shop, aftershipOn, apiKey != null).ifPresent(e -> errors.add(e.field(), e.reason()));
        if (apiKey != null) {
            switch (keyCheck.check(apiKey)) {
                case KeyCheckResult.Accepted a -> { }
                case KeyCheckResult.Refused r -> errors.add(SettingsJson.API_KEY, r.reason());
                // With other fields bad the answer is a 400 anyway: it names them, and the next save checks the key.
                case KeyCheckResult.Unreachable u -> {
                    if (errors.isEmpty()) {
                        throw new AfterShipUnreachableException(u.reason());
                    }
                }
            }
        } else if (webhookSecret != null && credentials.find(shop).isEmpty()) {
            errors.add(SettingsJson.API_KEY, "is required with a webhook secret: no key is saved");
        }
    }

    /** The secrets to save, encrypted; called once every field is known good. */
    private Optional<AfterShipCredentials> newCredentials(String shop, String apiKey, String webhookSecret) {
        if (apiKey != null) {
            byte[] secret = webhookSecret == null ? storedWebhookSecret(shop)
                    : cipher.encryptWebhookSecret(shop, webhookSecret);
            return Optional.of(new AfterShipCredentials(cipher.encryptApiKey(shop, apiKey), secret));
        }
        if (webhookSecret != null) {
            byte[] storedKey = credentials.find(shop).map(AfterShipCredentials::apiKey).orElseThrow();
            return Optional.of(new AfterShipCredentials(storedKey, cipher.encryptWebhookSecret(shop, webhookSecret)));
        }
        return Optional.empty();
    }

    private byte[] storedWebhookSecret(String shop) {
        return credentials.find(shop).map(AfterShipCredentials::webhookSecret).orElse(null);
    }
}
