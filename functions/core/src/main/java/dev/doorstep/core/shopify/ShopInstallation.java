package dev.doorstep.core.shopify;

import dev.doorstep.core.intake.IntakeResult;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopFacts;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.port.ShopStore;
import java.util.List;
import java.util.Optional;

/**
 * A shop arrives through Shopify: the merchant's verified session token is exchanged for the shop's
 * offline access token, the shop's facts are read with it, the token is stored (encrypted by the
 * adapter), and the shop is created (installed, AfterShip integration off) or reinstalled with fresh
 * facts. Nothing is written before Shopify has accepted the exchange and answered the facts query.
 * {@code shop/update} keeps the facts fresh.
 */
public final class ShopInstallation {

    private final ShopStore shops;
    private final ShopifyAdmin admin;
    private final ShopifyAccessTokens tokens;

    public ShopInstallation(ShopStore shops, ShopifyAdmin admin, ShopifyAccessTokens tokens) {
        this.shops = shops;
        this.admin = admin;
        this.tokens = tokens;
    }

    /**
     * @param sessionToken a session token the caller has already verified for {@code shop}
     * @throws ShopifyRefusedException when Shopify refuses the exchange or the facts query (nothing written)
     * @throws ShopifyUnavailableException when Shopify cannot be asked now (nothing written)
     */
    public Installed install(String shop, String sessionToken) {
        String accessToken = admin.exchangeForOfflineToken(shop, sessionToken);
        ShopFacts facts = admin.shopFacts(shop, accessToken);
        tokens.save(shop, accessToken);
        Optional<Shop> current = shops.find(shop);
        Shop saved = current
                .map(s -> new Shop(SettingsFromFacts.apply(s.settings(), s.facts(), facts), true, s.lastPolledAt(),
                        s.lastAfterShipWebhookAt(), facts))
                .orElseGet(() -> new Shop(SettingsFromFacts.apply(ShopSettings.defaults(shop), null, facts), true,
                        null, null, facts));
        shops.save(saved);
        return new Installed(saved, current.isEmpty(), current.isPresent() && !current.get().installed());
    }

    /**
     * {@code shop/update}: the shop's facts changed. An unknown shop is left alone (it installs through
     * the session), and facts older than the stored ones (a late or retried delivery) change nothing.
     */
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

    /**
     * @param created the shop was new here
     * @param reinstalled the shop had uninstalled the app and came back
     */
    public record Installed(Shop shop, boolean created, boolean reinstalled) {
    }
}
