package dev.doorstep.shopapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.aftership.KmsApiKeyCipher;
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
 * settings' values, then the AfterShip key with AfterShip, then the key is encrypted; only then
 * does {@link SettingsUpdate} save.
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

    /** @throws AfterShipUnreachableException when the key could not be checked; nothing is saved then */
    ObjectNode put(String shop, ObjectNode body) {
        ShopSettings base = shops.find(shop).map(Shop::settings).orElseGet(() -> ShopSettings.defaults(shop));
        ShopSettings next = SettingsJson.apply(base, body);
        String apiKey = SettingsJson.secret(body, SettingsJson.API_KEY);
        String webhookSecret = SettingsJson.secret(body, SettingsJson.WEBHOOK_SECRET);
        if (!next.aftershipEnabled() && (apiKey != null || webhookSecret != null)) {
            throw new BadRequestException(apiKey != null ? SettingsJson.API_KEY : SettingsJson.WEBHOOK_SECRET,
                    "is kept only while the AfterShip integration is on; send aftershipEnabled: true with it");
        }
        Optional<AfterShipCredentials> newCredentials = Optional.empty();
        if (apiKey != null) {
            switch (keyCheck.check(apiKey)) {
                case KeyCheckResult.Accepted a -> { }
                case KeyCheckResult.Refused r -> throw new BadRequestException(SettingsJson.API_KEY, r.reason());
                case KeyCheckResult.Unreachable u -> throw new AfterShipUnreachableException(u.reason());
            }
            byte[] secret = webhookSecret == null ? storedWebhookSecret(shop)
                    : cipher.encryptWebhookSecret(shop, webhookSecret);
            newCredentials = Optional.of(new AfterShipCredentials(cipher.encryptApiKey(shop, apiKey), secret));
        } else if (webhookSecret != null) {
            byte[] storedKey = credentials.find(shop).map(AfterShipCredentials::apiKey).orElseThrow(() ->
                    new BadRequestException(SettingsJson.API_KEY, "is required with a webhook secret: no key is saved"));
            newCredentials = Optional.of(new AfterShipCredentials(storedKey,
                    cipher.encryptWebhookSecret(shop, webhookSecret)));
        }
        SettingsUpdate.SettingsSaved saved = update.save(next, newCredentials, clock.instant());
        ObjectNode view = SettingsJson.view(saved.shop(), saved.apiKeySaved());
        view.put("ordersMovedToFulfillmentTiming", saved.ordersMovedToFulfillmentTiming());
        return view;
    }

    private byte[] storedWebhookSecret(String shop) {
        return credentials.find(shop).map(AfterShipCredentials::webhookSecret).orElse(null);
    }
}
