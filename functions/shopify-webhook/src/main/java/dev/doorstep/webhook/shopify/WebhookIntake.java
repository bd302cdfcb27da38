package dev.doorstep.webhook.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.core.intake.FulfillmentIntake;
import dev.doorstep.core.intake.IntakeResult;
import dev.doorstep.core.intake.OrderCancellation;
import dev.doorstep.core.intake.PrivacyRequest;
import dev.doorstep.core.intake.PrivacyWork;
import dev.doorstep.core.intake.ShopLifecycle;
import dev.doorstep.core.shopify.ShopFactsUpdate;
import dev.doorstep.core.shopify.ShopifyAccessTokenErasure;
import dev.doorstep.core.intake.ShopifyEvent;
import dev.doorstep.core.intake.ShopifyEventTime;
import dev.doorstep.core.memory.InMemoryCustomerDataExports;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.AfterShipCredentialStore;
import dev.doorstep.core.port.AppliedShopifyEvents;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.PrivacyRequests;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.port.TrackingErasure;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import dev.doorstep.store.DynamoDbShopifyAccessTokenErasure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One verified delivery to the core use case its topic calls for. */
public final class WebhookIntake {

    private final RecentShops shops;
    private final FulfillmentIntake fulfillments;
    private final OrderCancellation cancellations;
    private final ShopLifecycle lifecycle;
    private final PrivacyRequests privacyRequests;
    private final ShopFactsUpdate facts;
    private final Clock clock;

    /**
     * Privacy requests are carried out in the same call, with data exports kept in memory and no
     * AfterShip erasure: for tests of the other topics. The functions pass a queue (the other constructor).
     */
    public WebhookIntake(ShopStore shops, OrderStore orders, AppliedShopifyEvents events,
            AfterShipCredentialStore credentials, ShopifyAccessTokenErasure shopifyTokens,
            ReviewRequestScheduler scheduler, Clock clock) {
        this(shops, orders, events, credentials, shopifyTokens, scheduler, clock, Duration.ZERO, null);
    }

    /** @param privacyRequests where the privacy webhooks are queued for the worker (SQS in AWS) */
    public WebhookIntake(ShopStore shops, OrderStore orders, AppliedShopifyEvents events,
            AfterShipCredentialStore credentials, ShopifyAccessTokenErasure shopifyTokens,
            ReviewRequestScheduler scheduler, Clock clock, PrivacyRequests privacyRequests) {
        this(shops, orders, events, credentials, shopifyTokens, scheduler, clock, Duration.ZERO, privacyRequests);
    }

    /**
     * {@code shopMaxAge}: how long an order webhook may use settings this container read earlier;
     * {@code privacyRequests} null: carried out at once, in the same call (see the public constructor).
     */
    WebhookIntake(ShopStore shops, OrderStore orders, AppliedShopifyEvents events,
            AfterShipCredentialStore credentials, ShopifyAccessTokenErasure shopifyTokens,
            ReviewRequestScheduler scheduler, Clock clock, Duration shopMaxAge, PrivacyRequests privacyRequests) {
        TimingPolicy policy = new TimingPolicy();
        this.shops = new RecentShops(shops, shopMaxAge);
        this.fulfillments = new FulfillmentIntake(orders, events, new ReviewRequestPlanner(policy, orders, scheduler),
                policy, clock);
        this.cancellations = new OrderCancellation(orders, events, scheduler, clock);
        this.lifecycle = new ShopLifecycle(shops, orders, credentials, shopifyTokens, scheduler, clock);
        this.clock = clock;
        PrivacyWork work = new PrivacyWork(shops, orders, credentials, shopifyTokens, scheduler,
                new InMemoryCustomerDataExports(), TrackingErasure.NONE, clock);
        this.privacyRequests = privacyRequests != null ? privacyRequests : work::carryOut;
        this.facts = new ShopFactsUpdate(shops);
    }

    /**
     * Everything on the DynamoDB table (app/uninstalled deletes the shop's Shopify token item there); the
     * scheduler is passed in (EventBridge Scheduler in AWS).
     */
    public static WebhookIntake onDynamoDb(DynamoDbClient dynamo, String table, ReviewRequestScheduler scheduler,
            Clock clock) {
        return onDynamoDb(dynamo, table, scheduler, clock, Duration.ZERO, null);
    }

    /** The same, with the privacy webhooks queued for the worker. */
    public static WebhookIntake onDynamoDb(DynamoDbClient dynamo, String table, ReviewRequestScheduler scheduler,
            Clock clock, PrivacyRequests privacyRequests) {
        return onDynamoDb(dynamo, table, scheduler, clock, Duration.ZERO, privacyRequests);
    }

    static WebhookIntake onDynamoDb(DynamoDbClient dynamo, String table, ReviewRequestScheduler scheduler,
            Clock clock, Duration shopMaxAge, PrivacyRequests privacyRequests) {
        DynamoDbOrderStore orders = new DynamoDbOrderStore(dynamo, table);
        return new WebhookIntake(new DynamoDbShopStore(dynamo, table), orders, orders,
                new DynamoDbAfterShipCredentialStore(dynamo, table), new DynamoDbShopifyAccessTokenErasure(dynamo, table),
                scheduler, clock, shopMaxAge, privacyRequests);
    }

    IntakeResult handle(ShopifyTopic topic, WebhookRequest request) {
        JsonNode payload = PayloadReader.parseObject(request.body());
        String shop = request.shop();
        ShopifyEventTime.Choice when = topic.ordersByEventTime()
                ? ShopifyEventTime.choose(ShopifyPayloads.eventTime(payload), request.triggeredAt(), clock.instant())
                : new ShopifyEventTime.Choice.Use(null);
        if (when instanceof ShopifyEventTime.Choice.TooOld) {
            return IntakeResult.ignored("stale replay: triggered longer ago than Shopify retries", null);
        }
        ShopifyEvent event = new ShopifyEvent(request.webhookId(), request.eventId(), switch (when) {
            case ShopifyEventTime.Choice.Use use -> use.at();
            case ShopifyEventTime.Choice.InTheFuture f -> throw new Rejected(400, "bad-header",
                    "x-shopify-triggered-at is in the future and the payload carries no time of its own");
            case ShopifyEventTime.Choice.TooOld o -> throw new IllegalStateException("answered above");
        });
        return switch (topic) {
            case FULFILLMENTS_CREATE -> {
                var fact = ShopifyPayloads.fulfillment(shop, payload);
                Shop installed = installed(shop);
                yield fact.map(f -> fulfillments.receive(installed, event, f))
                        .orElseGet(() -> IntakeResult.ignored("the fulfillment did not ship (cancelled or failed)", null));
            }
            case ORDERS_FULFILLED -> {
                var fact = ShopifyPayloads.order(shop, payload);
                Shop installed = installed(shop);
                yield fact.map(f -> fulfillments.receive(installed, event, f))
                        .orElseGet(() -> IntakeResult.ignored("the order shows no shipped fulfillment", null));
            }
            case ORDERS_CANCELLED -> {
                var key = ShopifyPayloads.orderKey(shop, payload);
                var fact = ShopifyPayloads.order(shop, payload);
                installed(shop);
                yield cancellations.cancel(event, key, fact, "the order was cancelled in Shopify");
            }
            case REFUNDS_CREATE -> {
                var refund = ShopifyPayloads.refund(shop, payload);
                installed(shop);
                yield cancellations.refund(event, refund);
            }
            case APP_UNINSTALLED -> {
                shops.forget(shop);
                yield lifecycle.uninstalled(shop);
            }
            case SHOP_UPDATE -> {
                shops.forget(shop); // the next order webhook reads the new zone and country
                yield facts.factsChanged(shop, ShopUpdatePayload.facts(payload, request.triggeredAt(), clock.instant()));
            }
            // The privacy topics are acknowledged at once and done by the worker, however large the shop.
            case CUSTOMERS_DATA_REQUEST -> {
                ShopifyPayloads.requireSameShop(shop, payload);
                yield queue(new PrivacyRequest(PrivacyRequest.Kind.CUSTOMER_DATA_REQUEST, shop,
                        ShopifyPayloads.customerId(payload), ShopifyPayloads.orderIds(payload, "orders_requested"),
                        acceptedAt(request)));
            }
            case CUSTOMERS_REDACT -> {
                ShopifyPayloads.requireSameShop(shop, payload);
                yield queue(new PrivacyRequest(PrivacyRequest.Kind.CUSTOMER_REDACT, shop,
                        ShopifyPayloads.customerId(payload), ShopifyPayloads.orderIds(payload, "orders_to_redact"),
                        acceptedAt(request)));
            }
            case SHOP_REDACT -> {
                ShopifyPayloads.requireSameShop(shop, payload);
                yield queue(new PrivacyRequest(PrivacyRequest.Kind.SHOP_REDACT, shop, null, List.of(),
                        acceptedAt(request)));
            }
        };
    }

    /** Shopify's trigger time (the same on every retry of the delivery), else now. */
    private java.time.Instant acceptedAt(WebhookRequest request) {
        return request.triggeredAt() != null ? request.triggeredAt() : clock.instant();
    }

    private IntakeResult queue(PrivacyRequest request) {
        privacyRequests.queue(request);
        return IntakeResult.applied("queued for the privacy worker: " + request.kind(), request.orderIds());
    }

    /** A shop exists for us once installed through the settings; an unknown or uninstalled one is a 404. */
    private Shop installed(String domain) {
        return shops.find(domain).filter(Shop::installed)
                .orElseThrow(() -> new Rejected(404, "unknown-shop", "shop not installed"));
    }
}
