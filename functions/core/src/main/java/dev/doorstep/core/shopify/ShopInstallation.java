package dev.doorstep.core.shopify;

import dev.doorstep.core.intake.BackfillOffering;
import dev.doorstep.core.model.BackfillOccasion;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopFacts;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.port.ShopStore;
import java.time.Instant;
import java.util.Optional;

/**
 * A shop arrives through Shopify: the merchant's verified session token is exchanged for the shop's
 * offline access token, the shop's facts are read with it, the token is stored (encrypted by the
 * adapter), and the shop is created (installed, AfterShip integration off) or reinstalled with fresh
 * facts. Nothing is written before Shopify has accepted the exchange and answered the facts query.
 * {@code shop/update} keeps the facts fresh ({@link ShopFactsUpdate}).
 */
public final class ShopInstallation {

    private final ShopStore shops;
    private final ShopifyAdmin admin;
    private final ShopifyAccessTokens tokens;
    private final BackfillOffering backfills;

    /** Without a backfill offer on install. */
    public ShopInstallation(ShopStore shops, ShopifyAdmin admin, ShopifyAccessTokens tokens) {
        this(shops, admin, tokens, null);
    }

    /**
     * @param backfills offers the shop's backfill when it installs (first time, or back after uninstalling);
     *     null: no offer
     */
    public ShopInstallation(ShopStore shops, ShopifyAdmin admin, ShopifyAccessTokens tokens,
            BackfillOffering backfills) {
        this.shops = shops;
        this.admin = admin;
        this.tokens = tokens;
        this.backfills = backfills;
    }

    /**
     * @param sessionToken a session token the caller has already verified for {@code shop}
     * @throws ShopifyRefusedException when Shopify refuses the exchange or the facts query (nothing written)
     * @throws ShopifyUnavailableException when Shopify cannot be asked now (nothing written)
     */
    public Installed install(String shop, String sessionToken, Instant now) {
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
        Installed installed = new Installed(saved, current.isEmpty(), current.isPresent() && !current.get().installed());
        if ((installed.created() || installed.reinstalled()) && backfills != null) {
            // Orders fulfilled before the install had no webhook for us: offer to take the recent ones in.
            backfills.offer(shop, BackfillOccasion.INSTALL, now);
        }
        return installed;
    }

    /**
     * @param created the shop was new here
     * @param reinstalled the shop had uninstalled the app and came back
     */
    public record Installed(Shop shop, boolean created, boolean reinstalled) {
    }
}
