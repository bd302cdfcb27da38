package dev.doorstep.webhook.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.memory.InMemoryShopStore;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.port.ShopStore;
import java.time.Instant;
import java.util.List;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentShopsTest {

    private static final String SHOP = "acme-outdoor.myshopify.com";

    private final AtomicInteger reads = new AtomicInteger();
    private final InMemoryShopStore store = new InMemoryShopStore();
    private final ShopStore counted = new ShopStore() {
        @Override
        public Optional<Shop> find(String domain) {
            reads.incrementAndGet();
            return store.find(domain);
        }

        @Override
        public void save(Shop shop) {
            store.save(shop);
        }

        @Override
        public List<String> shopsWithDeliveryTracking() {
            return store.shopsWithDeliveryTracking();
        }

        @Override
        public boolean recordPoll(String shop, Instant polledAt) {
            return store.recordPoll(shop, polledAt);
        }

        @Override
        public void recordAfterShipWebhook(String shop, Instant at) {
            store.recordAfterShipWebhook(shop, at);
        }

        @Override
        public void erase(String shop) {
            store.erase(shop);
        }
    };
    private final AtomicLong nanos = new AtomicLong();
    private final RecentShops recent = new RecentShops(counted, Duration.ofSeconds(5), nanos::get);

    @Test
    void aShopIsReadOnceWithinTheMaxAgeThenAgain() {
        store.save(Shop.installed(ShopSettings.defaults(SHOP)));

        recent.find(SHOP);
        nanos.addAndGet(Duration.ofMillis(4_900).toNanos());
        assertThat(recent.find(SHOP)).isPresent();
        assertThat(reads).hasValue(1);

        nanos.addAndGet(Duration.ofMillis(200).toNanos());
        recent.find(SHOP);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aSettingsChangeElsewhereIsSeenOnceTheEntryIsOld() {
        store.save(Shop.installed(ShopSettings.defaults(SHOP)));
        recent.find(SHOP);
        store.save(Shop.installed(ShopSettings.defaults(SHOP).toBuilder().aftershipEnabled(true).build()));

        assertThat(recent.find(SHOP).orElseThrow().settings().aftershipEnabled()).isFalse();
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(recent.find(SHOP).orElseThrow().settings().aftershipEnabled()).isTrue();
    }

    @Test
    void anUnknownShopIsRememberedTooAndAForgottenShopIsReadAgain() {
        assertThat(recent.find(SHOP)).isEmpty();
        assertThat(recent.find(SHOP)).isEmpty();
        assertThat(reads).hasValue(1);

        store.save(Shop.installed(ShopSettings.defaults(SHOP)));
        recent.forget(SHOP);
        assertThat(recent.find(SHOP)).isPresent();
    }

    @Test
    void aZeroMaxAgeReadsEveryTime() {
        RecentShops uncached = new RecentShops(counted, Duration.ZERO, nanos::get);
        uncached.find(SHOP);
        uncached.find(SHOP);
        assertThat(reads).hasValue(2);
    }
}
