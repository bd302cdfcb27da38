package dev.doorstep.core.shopify;

import dev.doorstep.core.intake.IntakeResult;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopFacts;
import dev.doorstep.core.port.ShopStore;
import java.util.List;
import java.util.Optional;

/**
 * {@code shop/update}: Shopify says the shop's facts changed. The new facts replace the stored ones, and
 * the settings that follow Shopify ({@link SettingsFromFacts}) move with them. An unknown shop is left
 * alone (its facts are read at install), and facts older than the stored ones (a late or retried
 * delivery; Shopify does not order webhooks) change nothing.
 */
public final class ShopFactsUpdate {

    private final ShopStore shops;

    public ShopFactsUpdate(ShopStore shops) {
        this.shops = shops;
    }

    public IntakeResult factsChanged(String shop, ShopFacts facts) {
        Optional<Shop> current = shops.find(shop);
        if (current.isEmpty()) {
            return IntakeResult.ignored("shop not known here: its facts are read at install", null);
        }
        Shop s = current.get();
        if (s.facts() != null && facts.readAt().isBefore(s.facts().readAt())) {
            return IntakeResult.ignored("older than the shop facts already stored", null);
        }
        shops.save(new Shop(SettingsFromFacts.apply(s.settings(), s.facts(), facts), s.installed(),
                s.lastPolledAt(), s.lastAfterShipWebhookAt(), facts));
        return IntakeResult.applied("shop facts updated", List.of());
    }
}
