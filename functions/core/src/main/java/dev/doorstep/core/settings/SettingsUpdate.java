package dev.doorstep.core.settings;

import dev.doorstep.core.intake.BackfillOffering;
import dev.doorstep.core.model.BackfillOccasion;
import dev.doorstep.core.model.FieldError;
import dev.doorstep.core.model.InvalidSettingException;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.port.AfterShipCredentialStore;
import dev.doorstep.core.port.AfterShipCredentials;
import dev.doorstep.core.port.ShopStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the seed's setup steps 5-8 do: save a shop's settings and, with the integration on, its
 * AfterShip key. Settings arrive validated ({@link ShopSettings} refuses bad values); a key arrives
 * already checked with AfterShip and encrypted, because both need the outside world.
 *
 * <p>Switching the integration off moves the waiting orders to fulfillment timing
 * ({@link IntegrationSwitchOff}) and keeps the AfterShip credentials, so switching back on needs no key
 * (the seed's app, and this one until issue 20, asked for it again). The orders are moved once while the
 * stored shop is still on and once more after it is saved off: a save that dies before the shop is
 * written leaves it on, and the merchant's retry does it all again; the second pass catches an order
 * tracked between the first pass and the write.
 */
public final class SettingsUpdate {

    /** The field a client names the AfterShip API key with, for errors about it. */
    public static final String API_KEY_FIELD = "aftershipApiKey";

    private final ShopStore shops;
    private final AfterShipCredentialStore credentials;
    private final IntegrationSwitchOff switchOff;
    private final BackfillOffering backfills;

    /** Without a backfill offer on switch-on. */
    public SettingsUpdate(ShopStore shops, AfterShipCredentialStore credentials, IntegrationSwitchOff switchOff) {
        this(shops, credentials, switchOff, null);
    }

    /** @param backfills offers the shop's backfill when the integration is switched on (null: no offer) */
    public SettingsUpdate(ShopStore shops, AfterShipCredentialStore credentials, IntegrationSwitchOff switchOff,
            BackfillOffering backfills) {
        this.shops = shops;
        this.credentials = credentials;
        this.switchOff = switchOff;
        this.backfills = backfills;
    }

    /**
     * Saves {@code settings}; a shop seen for the first time is created, installed.
     *
     * @param newCredentials the key the merchant just pasted, checked and encrypted; empty to keep the stored one
     * @throws InvalidSettingException ({@value #API_KEY_FIELD}) when the integration is switched on with no
     *     key saved or given; nothing is written then
     */
    public SettingsSaved save(ShopSettings settings, Optional<AfterShipCredentials> newCredentials, Instant now) {
        String shop = settings.shop();
        Optional<Shop> current = shops.find(shop);
        missingKey(shop, settings.aftershipEnabled(), newCredentials.isPresent()).ifPresent(error -> {
            throw new InvalidSettingException(List.of(error));
        });
        if (settings.aftershipEnabled() && newCredentials.isPresent()) {
            credentials.save(shop, newCredentials.get());
        }
        boolean wasOn = current.map(s -> s.settings().aftershipEnabled()).orElse(false);
        boolean switchingOff = !settings.aftershipEnabled() && wasOn;
        int moved = switchingOff ? switchOff.moveWaitingOrders(settings, now) : 0;
        Shop saved = current.map(s -> new Shop(settings, s.installed(), s.lastPolledAt(), null, s.facts()))
                .orElseGet(() -> Shop.installed(settings));
        shops.save(saved);
        if (switchingOff) {
            moved += switchOff.moveWaitingOrders(settings, now);
        }
        if (settings.aftershipEnabled() && !wasOn && backfills != null) {
            // Orders fulfilled before the switch-on had no webhook for us: offer to take the recent ones in.
            backfills.offer(shop, BackfillOccasion.SWITCH_ON, now);
        }
        return new SettingsSaved(saved, credentials.find(shop).isPresent(), moved);
    }

    /**
     * The refusal {@link #save} gives when the integration is switched on with no key saved or given, so a
     * caller gathering every bad field can name this one with the others before saving anything.
     */
    public Optional<FieldError> missingKey(String shop, boolean aftershipEnabled, boolean keyGiven) {
        if (aftershipEnabled && !keyGiven && credentials.find(shop).isEmpty()) {
            return Optional.of(new FieldError(API_KEY_FIELD, "is required to switch the AfterShip integration on"));
        }
        return Optional.empty();
    }

    /**
     * @param apiKeySaved whether an AfterShip key is stored for the shop (the key itself is never returned)
     * @param ordersMovedToFulfillmentTiming orders that waited on AfterShip and were timed from fulfillment
     *     because the integration was switched off
     */
    public record SettingsSaved(Shop shop, boolean apiKeySaved, int ordersMovedToFulfillmentTiming) {
    }
}
