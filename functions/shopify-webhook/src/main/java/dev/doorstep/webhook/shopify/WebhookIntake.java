package dev.doorstep.webhook.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.core.intake.CustomerPrivacy;
import dev.doorstep.core.intake.FulfillmentIntake;
import dev.doorstep.core.intake.IntakeResult;
import dev.doorstep.core.intake.OrderCancellation;
import dev.doorstep.core.intake.ShopLifecycle;
import dev.doorstep.core.shopify.ShopFactsUpdate;
import dev.doorstep.core.intake.ShopifyEvent;
import dev.doorstep.core.intake.ShopifyEventTime;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.AfterShipCredentialStore;
import dev.doorstep.core.port.AppliedShopifyEvents;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One verified delivery to the core use case its topic calls for. */
public final class WebhookIntake {

    private final RecentShops shops;
    private final FulfillmentIntake fulfillments;
    private final OrderCancellation cancellations;
    private final ShopLifecycle lifecycle;
    private final CustomerPrivacy privacy;
    private final ShopFactsUpdate facts;
    private final Clock clock;

    public WebhookIntake(ShopStore shops, OrderStore orders, AppliedShopifyEvents events,
            AfterShipCredentialStore credentials, ReviewRequestScheduler scheduler, Clock clock) {
        this(shops, orders, events, credentials, scheduler, clock, Duration.ZERO);
    }

    /** {@code shopMaxAge}: how long an order webhook may use settings this container read earlier. */
    WebhookIntake(ShopStore shops, OrderStore orders, AppliedShopifyEvents events,
            AfterShipCredentialStore credentials, ReviewRequestScheduler scheduler, Clock clock, Duration shopMaxAge) {
        TimingPolicy policy = new TimingPolicy();
        this.shops = new RecentShops(shops, shopMaxAge);
        this.fulfillments = new FulfillmentIntake(orders, events, new ReviewRequestPlanner(policy, orders, scheduler),
                policy, clock);
        this.cancellations = new OrderCancellation(orders, events, scheduler, clock);
        this.lifecycle = new ShopLifecycle(shops, orders, credentials, scheduler, clock);
        this.privacy = new CustomerPrivacy(orders, scheduler, clock);
        this.facts = new ShopFactsUpdate(shops);
        this.clock = clock;
    }

    /** Everything on the DynamoDB table; the scheduler is passed in (EventBridge Scheduler in AWS). */
    public static WebhookIntake onDynamoDb(DynamoDbClient dynamo, String table, ReviewRequestScheduler scheduler,
            Clock clock) {
        return onDynamoDb(dynamo, table, scheduler, clock, Duration.ZERO);
    }

    static WebhookIntake onDynamoDb(DynamoDbClient dynamo, String table, ReviewRequestScheduler scheduler,
            Clock clock, Duration shopMaxAge) {
        DynamoDbOrderStore orders = new DynamoDbOrderStore(dynamo, table);
        return new WebhookIntake(new DynamoDbShopStore(dynamo, table), orders, orders,
                new DynamoDbAfterShipCredentialStore(dynamo, table), scheduler, clock, shopMaxAge);
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
            case CUSTOMERS_DATA_REQUEST -> {
                ShopifyPayloads.requireSameShop(shop, payload);
                yield privacy.dataRequest(shop, ShopifyPayloads.customerId(payload),
                        ShopifyPayloads.orderIds(payload, "orders_requested"));
            }
            case CUSTOMERS_REDACT -> {
                ShopifyPayloads.requireSameShop(shop, payload);
                yield privacy.redact(shop, ShopifyPayloads.customerId(payload),
                        ShopifyPayloads.orderIds(payload, "orders_to_redact"));
            }
            case SHOP_REDACT -> {
                ShopifyPayloads.requireSameShop(shop, payload);
                yield lifecycle.redact(shop);
            }
        };
    }

    /** A shop exists for us once installed through the settings; an unknown or uninstalled one is a 404. */
    private Shop installed(String domain) {
        return shops.find(domain).filter(Shop::installed)
                .orElseThrow(() -> new Rejected(404, "unknown-shop", "shop not installed"));
    }
}
