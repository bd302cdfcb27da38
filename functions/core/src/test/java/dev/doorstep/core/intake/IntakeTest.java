package dev.doorstep.core.intake;

import dev.doorstep.core.memory.InMemoryReviewRequestScheduler;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.memory.InMemoryAfterShipCredentialStore;
import dev.doorstep.core.memory.InMemoryAppliedShopifyEvents;
import dev.doorstep.core.memory.InMemoryOrderStore;
import dev.doorstep.core.memory.InMemoryShopStore;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.AfterShipCredentials;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.timing.TimingReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntakeTest {

    private static final String SHOP = "acme-outdoor.myshopify.com";
    private static final Instant NOW = Instant.parse("2026-03-12T10:00:00Z");
    private static final Instant FULFILLED = Instant.parse("2026-03-11T15:04:12Z");
    private static final OrderKey KEY = new OrderKey(SHOP, "5710293847561");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemoryOrderStore orders = new InMemoryOrderStore();
    private final InMemoryShopStore shops = new InMemoryShopStore();
    private final InMemoryAppliedShopifyEvents events = new InMemoryAppliedShopifyEvents(orders);
    private final InMemoryAfterShipCredentialStore credentials = new InMemoryAfterShipCredentialStore();
    private final InMemoryReviewRequestScheduler scheduler = new InMemoryReviewRequestScheduler();
    private final FulfillmentIntake intake = new FulfillmentIntake(orders, events,
            new ReviewRequestPlanner(new TimingPolicy(), orders, scheduler), new TimingPolicy(), clock);
    private final OrderCancellation cancellation = new OrderCancellation(orders, events, scheduler, clock);
    private final dev.doorstep.core.memory.InMemoryShopifyAccessTokens shopifyTokens =
            new dev.doorstep.core.memory.InMemoryShopifyAccessTokens();
    private final ShopLifecycle lifecycle = new ShopLifecycle(shops, orders, credentials, shopifyTokens, scheduler,
            clock);
    private final dev.doorstep.core.memory.InMemoryCustomerDataExports exports =
            new dev.doorstep.core.memory.InMemoryCustomerDataExports();
    private final List<String> erasedTrackings = new java.util.ArrayList<>();
    private final CustomerPrivacy privacy = new CustomerPrivacy(orders, scheduler, exports,
            (shop, trackingId) -> erasedTrackings.add(shop + "/" + trackingId), clock);
    private final Shop shop = Shop.installed(ShopSettings.defaults(SHOP).toBuilder()
            .aftershipEnabled(true).shopCountry("DE").build());

    IntakeTest() {
        shops.save(shop);
    }

    private static ShopifyEvent event(String id, String triggeredAt) {
        return new ShopifyEvent(id, "event-" + id, triggeredAt == null ? null : Instant.parse(triggeredAt));
    }

    private static FulfillmentFact fact(OrderKey key, String tracking, String carrier, Customer customer) {
        return new FulfillmentFact(key, "#1042", new Fulfillment("4829301847562", FULFILLED, tracking, carrier, "DE"),
                customer, List.of(new LineItem("8123456789012", "Trail Running Shoe")));
    }

    private static Customer buyer() {
        return new Customer(null, "Erika Mustermann", "erika.muster@example.org", null);
    }

    @Test
    void aTrackableFulfillmentIsStoredCreatingTrackingWithItsFallbackDeadline() {
        IntakeResult result = intake.receive(shop, event("w1", null), fact(KEY, "1234567890", "DHL Express", buyer()));

        Order order = orders.find(KEY).orElseThrow();
        assertThat(result.applied()).isTrue();
        assertThat(order.status()).isEqualTo(OrderStatus.CREATING_TRACKING);
        assertThat(order.fallbackDeadline()).isEqualTo(FULFILLED.plus(Duration.ofDays(60)));
        assertThat(order.history()).extracting(c -> c.to()).containsExactly(OrderStatus.CREATING_TRACKING);
        assertThat(scheduler.schedules()).isEmpty();
    }

    @Test
    void aFulfillmentWithoutCarrierIsScheduledOnFulfillmentTiming() {
        intake.receive(shop, event("w1", null), fact(KEY, "1234567890", null, buyer()));

        Order order = orders.find(KEY).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(order.sendReason()).isEqualTo(TimingReason.FULFILLMENT_BASED);
        assertThat(order.sendAt()).isEqualTo(FULFILLED.plus(Duration.ofDays(7)));
        assertThat(order.statusReason()).contains("no shipping carrier");
        assertThat(scheduler.schedules()).containsEntry(KEY, FULFILLED.plus(Duration.ofDays(7)));
    }

    @Test
    void aFulfillmentTimedRequestIsMovedIntoTheShopsSendWindow() {
        Shop windowed = Shop.installed(shop.settings().toBuilder()
                .sendWindow(dev.doorstep.core.model.SendWindow.parse("09:00-12:00")).build());
        intake.receive(windowed, event("w1", null), fact(KEY, null, null, buyer()));

        Instant nineNextMorning = Instant.parse("2026-03-19T09:00:00Z"); // fulfilled 15:04 + 7 days, after hours
        assertThat(orders.find(KEY).orElseThrow().sendAt()).isEqualTo(nineNextMorning);
        assertThat(scheduler.schedules()).containsEntry(KEY, nineNextMorning);
    }

    @Test
    void withTheIntegrationOffEveryOrderIsTimedOnFulfillment() {
        Shop off = Shop.installed(shop.settings().toBuilder().aftershipEnabled(false).build());
        intake.receive(off, event("w1", null), fact(KEY, "1234567890", "DHL Express", buyer()));

        assertThat(orders.find(KEY).orElseThrow().status()).isEqualTo(OrderStatus.SCHEDULED);
    }

    @Test
    void theSecondTopicOnlyFillsInWhatTheFirstLacked() {
        intake.receive(shop, event("w1", null), fact(KEY, "1234567890", "DHL Express", buyer()));
        FulfillmentFact later = new FulfillmentFact(KEY, "#1042",
                new Fulfillment("999", FULFILLED.plusSeconds(3600), "OTHER", "UPS", "DE"),
                new Customer("191167", "Someone Else", "other@example.org", "+49 221 1234567"), List.of());

        intake.receive(shop, event("w2", null), later);

        Order order = orders.find(KEY).orElseThrow();
        assertThat(order.fulfillment().trackingNumber()).isEqualTo("1234567890");
        assertThat(order.customer()).isEqualTo(new Customer("191167", "Erika Mustermann",
                "erika.muster@example.org", "+49 221 1234567"));
        assertThat(order.lineItems()).hasSize(1);
        assertThat(order.status()).isEqualTo(OrderStatus.CREATING_TRACKING);
    }

    @Test
    void aRetryAfterACrashRecreatesTheSchedule() {
        intake.receive(shop, event("w1", null), fact(KEY, null, null, buyer()));
        scheduler.schedules().clear(); // the crash: the order was stored, the schedule never made

        intake.receive(shop, event("w1", null), fact(KEY, null, null, buyer()));

        assertThat(scheduler.schedules()).containsKey(KEY);
        assertThat(orders.find(KEY).orElseThrow().history()).hasSize(1);
    }

    @Test
    void theSameEventAgainIsADuplicateThatStillFinishesWhatACrashCutShort() {
        ShopifyEvent delivery = event("w1", "2026-03-12T09:00:00Z");
        assertThat(intake.receive(shop, delivery, fact(KEY, null, null, buyer())).outcome())
                .isEqualTo(IntakeResult.Outcome.APPLIED);
        scheduler.schedules().clear(); // the crash: the order was stored (with its event mark), no schedule yet

        IntakeResult retry = intake.receive(shop, delivery, fact(KEY, null, null, buyer()));

        assertThat(retry.outcome()).isEqualTo(IntakeResult.Outcome.DUPLICATE);
        assertThat(retry.reason()).contains("already applied");
        assertThat(scheduler.schedules()).containsKey(KEY);
        assertThat(orders.find(KEY).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aReplayTriggeredBeforeTheLastAppliedEventIsStale() {
        intake.receive(shop, event("w2", "2026-03-12T09:00:00Z"), fact(KEY, "1", "DHL", buyer()));

        IntakeResult stale = intake.receive(shop, event("w1", "2026-03-12T08:00:00Z"), fact(KEY, "1", "DHL",
                new Customer("x", null, null, "+1")));

        assertThat(stale.applied()).isFalse();
        assertThat(stale.reason()).contains("stale");
        assertThat(orders.find(KEY).orElseThrow().customer().defaultAddressPhone()).isNull();
    }

    @Test
    void cancellingUnschedulesAndIsFinal() {
        intake.receive(shop, event("w1", null), fact(KEY, null, null, buyer()));

        cancellation.cancel(event("w2", null), KEY, Optional.empty(), "the order was cancelled in Shopify");
        intake.receive(shop, event("w3", null), fact(KEY, null, null, buyer()));

        assertThat(orders.find(KEY).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(scheduler.schedules()).isEmpty();
        assertThat(scheduler.cancels()).contains(KEY);
    }

    @Test
    void aCancellationOfAnUnseenFulfilledOrderStoresItCancelled() {
        cancellation.cancel(event("w1", null), KEY, Optional.of(fact(KEY, "1", "DHL", buyer())), "cancelled");
        intake.receive(shop, event("w2", null), fact(KEY, "1", "DHL", buyer()));

        assertThat(orders.find(KEY).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void aCancellationOfAnUnknownUnfulfilledOrderIsIgnored() {
        assertThat(cancellation.cancel(event("w1", null), KEY, Optional.empty(), "x").applied()).isFalse();
        assertThat(orders.find(KEY)).isEmpty();
    }

    @Test
    void onlyAFullRefundCancels() {
        intake.receive(shop, event("w1", null), fact(KEY, null, null, buyer()));

        var partial = cancellation.refund(event("w2", null),
                new RefundFact(KEY, List.of(new RefundFact.RefundedLine("8123456789012", 1, 2))));
        assertThat(partial.applied()).isFalse();
        assertThat(orders.find(KEY).orElseThrow().status()).isEqualTo(OrderStatus.SCHEDULED);

        cancellation.refund(event("w3", null),
                new RefundFact(KEY, List.of(new RefundFact.RefundedLine("8123456789012", 1, 1))));
        assertThat(orders.find(KEY).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void uninstallCancelsEveryPendingRequestAndStopsTracking() {
        OrderKey other = new OrderKey(SHOP, "2");
        intake.receive(shop, event("w1", null), fact(KEY, null, null, buyer()));
        intake.receive(shop, event("w2", null), fact(other, "1", "DHL", buyer()));

        IntakeResult result = lifecycle.uninstalled(SHOP);

        assertThat(result.orderIds()).containsExactlyInAnyOrder(KEY.orderId(), "2");
        assertThat(orders.find(KEY).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(orders.find(other).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(shops.find(SHOP).orElseThrow().installed()).isFalse();
        assertThat(shops.shopsWithDeliveryTracking()).isEmpty();
        assertThat(scheduler.schedules()).isEmpty();
        assertThat(lifecycle.uninstalled(SHOP).orderIds()).isEmpty();
    }

    @Test
    void uninstallErasesTheShopsShopifyTokenAndKeepsTheShopsSettingsForAReinstall() {
        shopifyTokens.save(SHOP, "shpat_revoked-at-uninstall");
        shopifyTokens.save("other-shop.myshopify.com", "shpat_of-another-shop");

        lifecycle.uninstalled(SHOP);

        assertThat(shopifyTokens.find(SHOP)).isEmpty();
        assertThat(shopifyTokens.find("other-shop.myshopify.com")).contains("shpat_of-another-shop");
        assertThat(shops.find(SHOP).orElseThrow().settings()).isEqualTo(shop.settings());
    }

    @Test
    void aSecondUninstallOrOneOfAnUnknownShopErasesNothingMoreAndDoesNotFail() {
        shopifyTokens.save(SHOP, "shpat_revoked-at-uninstall");
        lifecycle.uninstalled(SHOP);

        IntakeResult again = lifecycle.uninstalled(SHOP);
        IntakeResult unknown = lifecycle.uninstalled("never-seen.myshopify.com");

        assertThat(again.applied()).isTrue();
        assertThat(again.orderIds()).isEmpty();
        assertThat(unknown.applied()).isFalse();
        assertThat(shopifyTokens.find(SHOP)).isEmpty();
        assertThat(shops.find(SHOP).orElseThrow().installed()).isFalse();
    }

    @Test
    void anUninstallOfAShopKnownOnlyByItsTokenErasesTheToken() {
        // ShopInstallation stores the token before the shop: a crash in between leaves the token alone
        shopifyTokens.save("half-installed.myshopify.com", "shpat_orphan");

        lifecycle.uninstalled("half-installed.myshopify.com");

        assertThat(shopifyTokens.find("half-installed.myshopify.com")).isEmpty();
    }

    @Test
    void shopRedactErasesEverything() {
        intake.receive(shop, event("w1", null), fact(KEY, null, null, buyer()));
        credentials.save(SHOP, new AfterShipCredentials(new byte[] {1}, null));
        shopifyTokens.save(SHOP, "shpat_still-there-if-uninstall-never-came");

        lifecycle.redact(SHOP);

        assertThat(orders.ordersOf(SHOP, null, 10).items()).isEmpty();
        assertThat(shops.find(SHOP)).isEmpty();
        assertThat(credentials.find(SHOP)).isEmpty();
        assertThat(shopifyTokens.find(SHOP)).isEmpty();
        assertThat(scheduler.schedules()).isEmpty();
    }

    @Test
    void customerRedactErasesPersonalDataAndCancelsListedAndOtherOrdersOfTheCustomer() {
        Customer known = new Customer("191167", "Erika", "erika@example.org", "+49");
        OrderKey unlisted = new OrderKey(SHOP, "77");
        intake.receive(shop, event("w1", null), fact(KEY, null, null, known));
        intake.receive(shop, event("w2", null), fact(unlisted, null, null, known));

        java.time.Instant requested = java.time.Instant.parse("2026-03-20T08:00:00Z");
        IntakeResult report = privacy.dataRequest(SHOP, "191167", List.of(KEY.orderId(), "404"), requested);
        assertThat(report.orderIds()).containsExactlyInAnyOrder(KEY.orderId(), "77");
        // The merchant gets the data itself, not a count: every order with the customer's details.
        assertThat(exports.of(SHOP)).singleElement().satisfies(export -> {
            assertThat(export.customerId()).isEqualTo("191167");
            assertThat(export.requestedAt()).isEqualTo(requested);
            assertThat(export.orders()).extracting(o -> o.key().orderId()).containsExactlyInAnyOrder(KEY.orderId(), "77");
            assertThat(export.orders()).allSatisfy(o -> assertThat(o.customer()).isEqualTo(known));
        });

        Order tracked = orders.find(KEY).orElseThrow();
        orders.update(tracked, tracked.toBuilder().trackingId("as-tracking-1").build());

        privacy.redact(SHOP, "191167", List.of(KEY.orderId()));

        // AfterShip held the customer's name, email and phone with the tracking: erased too.
        assertThat(erasedTrackings).containsExactly(SHOP + "/as-tracking-1");

        for (OrderKey key : List.of(KEY, unlisted)) {
            Order order = orders.find(key).orElseThrow();
            assertThat(order.customer()).isEqualTo(new Customer("191167", null, null, null));
            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        }
        assertThat(scheduler.schedules()).isEmpty();
    }
}
