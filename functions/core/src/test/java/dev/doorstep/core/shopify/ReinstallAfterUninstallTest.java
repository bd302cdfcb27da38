package dev.doorstep.core.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.intake.BackfillOffering;
import dev.doorstep.core.intake.ShopLifecycle;
import dev.doorstep.core.memory.InMemoryBackfillOffers;
import dev.doorstep.core.memory.InMemoryAfterShipCredentialStore;
import dev.doorstep.core.memory.InMemoryOrderStore;
import dev.doorstep.core.memory.InMemoryReviewRequestScheduler;
import dev.doorstep.core.memory.InMemoryShopStore;
import dev.doorstep.core.memory.InMemoryShopifyAccessTokens;
import dev.doorstep.core.model.ShopFacts;
import dev.doorstep.core.port.BackfillRequests;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** app/uninstalled forgets the token Shopify revoked; the token exchange of a reinstall stores the new one. */
class ReinstallAfterUninstallTest {

    private static final String SHOP = "acme-tea.myshopify.com";
    private static final Instant NOW = Instant.parse("2026-12-05T00:00:00Z");

    private final InMemoryShopStore shops = new InMemoryShopStore();
    private final InMemoryShopifyAccessTokens tokens = new InMemoryShopifyAccessTokens();
    private final InMemoryBackfillOffers offers = new InMemoryBackfillOffers();
    private final ShopLifecycle lifecycle = new ShopLifecycle(shops, new InMemoryOrderStore(),
            new InMemoryAfterShipCredentialStore(), tokens, new InMemoryReviewRequestScheduler(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    /** Shopify hands out a new offline token on each exchange, as after a reinstall. */
    private final ShopifyAdmin shopify = new ShopifyAdmin() {
        private int exchanges;

        @Override
        public String exchangeForOfflineToken(String shop, String sessionToken) {
            return "shpat_" + ++exchanges;
        }

        @Override
        public ShopFacts shopFacts(String shop, String accessToken) {
            return new ShopFacts("Acme Tea", "hi@acme-tea.example", ZoneId.of("Europe/Berlin"), "DE", NOW);
        }
    };
    private final ShopInstallation installation = new ShopInstallation(shops, shopify, tokens,
            new BackfillOffering(shops, offers, BackfillRequests.NONE));

    @Test
    @DisplayName("install, uninstall (twice), reinstall: the revoked token goes, the new one is stored and used")
    void reinstallStoresAFreshToken() {
        installation.install(SHOP, "session-1", NOW);
        assertThat(tokens.find(SHOP)).contains("shpat_1");

        lifecycle.uninstalled(SHOP);
        lifecycle.uninstalled(SHOP);
        assertThat(tokens.find(SHOP)).isEmpty();

        ShopInstallation.Installed back = installation.install(SHOP, "session-2", NOW.plusSeconds(60));

        assertThat(back.reinstalled()).isTrue();
        assertThat(back.shop().installed()).isTrue();
        assertThat(tokens.find(SHOP)).contains("shpat_2");
        // The return offers the backfill again (the first offer was never answered).
        assertThat(offers.find(SHOP).orElseThrow().offeredAt()).isEqualTo(NOW.plusSeconds(60));
    }
}
