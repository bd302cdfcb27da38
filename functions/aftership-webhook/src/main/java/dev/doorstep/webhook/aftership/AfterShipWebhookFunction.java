package dev.doorstep.webhook.aftership;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.core.delivery.DeliverySource;
import dev.doorstep.core.delivery.DeliveryUpdates;
import dev.doorstep.core.delivery.TrackingOrders;
import dev.doorstep.core.delivery.TrackingState;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.ReceiptLog;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.port.TrackingIndex;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.lambda.HttpApiFunction;
import dev.doorstep.lambda.HttpResponses;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.Metrics;
import dev.doorstep.lambda.SnapStartPriming;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbReceiptLog;
import dev.doorstep.store.DynamoDbShopStore;
import dev.doorstep.store.DynamoDbTrackingIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * {@code POST /webhooks/aftership?shop=<shop>.myshopify.com}: AfterShip tells us a tracking changed,
 * so delivery is seen within minutes instead of at the next 12-hourly poll (which stays as the safety
 * net). Verified against the shop's webhook secret, deduplicated on {@code event_id}, and applied on
 * the poll's own path ({@link DeliveryUpdates}). The receipt is written only after the change is
 * applied, so a failure half way is retried by AfterShip and never mistaken for a duplicate.
 */
public final class AfterShipWebhookFunction extends HttpApiFunction {

    static final String SOURCE = "aftership";
    static final String SIGNATURE_HEADER = "aftership-hmac-sha256";
    /** Longer than AfterShip's retries (about 68 hours). */
    static final Duration REMEMBER_EVENTS = Duration.ofDays(7);
    /** Our order ids are Shopify's (64-bit integers, stored as their decimal text by the Shopify intake). */
    private static final Pattern SHOPIFY_ORDER_ID = Pattern.compile("[0-9]{1,20}");
    /** Signs nothing anyone holds: the HMAC is computed for unknown shops too, so they take as long. */
    private static final String NO_SECRET = "doorstep-no-webhook-secret-" + java.util.UUID.randomUUID();
    private static final String UNVERIFIED = "the aftership-hmac-sha256 signature does not match the body and the"
            + " shop's webhook secret (check the URL's ?shop= and the secret saved in the shop's settings)";

    private static final JsonLog LOG = JsonLog.of(AfterShipWebhookFunction.class);
    private static final Metrics METRICS = Metrics.forFunction("AfterShipWebhook");

    private final WebhookSecrets secrets;
    private final ReceiptLog receipts;
    private final OrderStore orders;
    private final DeliveryUpdates updates;
    private final TrackingOrders trackingOrders;
    private final WebhookArrivals arrivals;
    private final Clock clock;

    public AfterShipWebhookFunction() {
        this(Wiring.fromEnvironment());
        SnapStartPriming.register("AfterShipWebhookFunction", () -> WebhookPriming.prime(secrets, receipts, orders));
    }

    private AfterShipWebhookFunction(Wiring w) {
        this(w.secrets, w.receipts, w.orders, w.shops, w.updates, w.trackingIndex, Clock.systemUTC());
    }

    /** Trackings map to orders by their own order_id only (no tracking index). */
    public AfterShipWebhookFunction(WebhookSecrets secrets, ReceiptLog receipts, OrderStore orders, ShopStore shops,
            DeliveryUpdates updates, Clock clock) {
        this(secrets, receipts, orders, shops, updates, TrackingIndex.NONE, clock);
    }

    public AfterShipWebhookFunction(WebhookSecrets secrets, ReceiptLog receipts, OrderStore orders, ShopStore shops,
            DeliveryUpdates updates, TrackingIndex trackingIndex, Clock clock) {
        this.trackingOrders = new TrackingOrders(orders, trackingIndex);
        this.secrets = secrets;
        this.receipts = receipts;
        this.orders = orders;
        this.updates = updates;
        this.arrivals = new WebhookArrivals(shops);
        this.clock = clock;
    }

    /**
     * The checks that need no table read ({@link WebhookRequest}), then the shop's secret and the
     * signature (401, one answer for all three failures), the body (400); then dedupe, and only a
     * Delivered or Expired of one of the shop's trackings is applied. A signed event that cannot be
     * applied is a 200 "ignored", so AfterShip does not retry it.
     */
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        WebhookRequest checked;
        try {
            checked = WebhookRequest.check(request);
        } catch (WebhookRequest.Refused refused) {
            return rejected(refused.status, refused.outcome, refused.getMessage(), refused.shop);
        }
        String shop = checked.shop();
        byte[] body = checked.body();
        String signature = WebhookRequest.header(request, SIGNATURE_HEADER);
        // An unknown shop, a shop without a secret and a wrong signature answer alike, after the same
        // HMAC work: otherwise a stranger could tell which shops use the app. The log keeps which it was.
        WebhookSecrets.Lookup lookup = secrets.forShop(shop);
        boolean signed = WebhookSignature.matches(body,
                lookup instanceof WebhookSecrets.Lookup.Secret s ? s.value() : NO_SECRET, signature);
        String unverified = switch (lookup) {
            case WebhookSecrets.Lookup.UnknownShop u -> "unknown-shop";
            case WebhookSecrets.Lookup.NoSecret n -> "no-secret";
            case WebhookSecrets.Lookup.Secret s -> signed ? null : "bad-signature";
        };
        if (unverified != null) {
            return rejected(401, "bad-signature", UNVERIFIED, shop, unverified);
        }
        AfterShipWebhookEvent event;
        try {
            event = AfterShipWebhookEvent.parse(body);
        } catch (IllegalArgumentException e) {
            return rejected(400, "malformed", e.getMessage(), shop);
        }
        Map<String, Object> ids = Map.of("shop", shop, "eventId", event.eventId(),
                "trackingId", event.tracking().trackingId());
        if (receipts.alreadyReceived(SOURCE, event.eventId())) {
            LOG.info("duplicate AfterShip webhook", ids);
            return HttpResponses.status(200, "duplicate", "event " + event.eventId() + " was already handled");
        }
        Optional<String> ignored = whyIgnored(shop, event);
        List<Order> matched = ignored.isPresent() ? List.of()
                : trackingOrders.of(shop, event.tracking(), trustedOrderId(event));
        if (ignored.isEmpty() && matched.isEmpty()) {
            ignored = Optional.of(whyNoOrder(shop, event));
        }
        if (ignored.isPresent()) {
            LOG.info("AfterShip webhook ignored", Map.of("ids", ids, "reason", ignored.get()));
            receipts.firstReceipt(SOURCE, event.eventId(), clock.instant().plus(REMEMBER_EVENTS));
            return HttpResponses.status(200, "ignored", ignored.get());
        }
        Instant now = clock.instant();
        arrivals.arrived(shop, now); // a signed event about one of the shop's orders: its webhooks work
        DeliveryUpdates.Outcome outcome = null;
        List<String> applied = new ArrayList<>();
        for (Order order : matched) {
            // one tracking, several orders (a number shared by two orders): each is timed on it
            DeliveryUpdates.Outcome one = updates.apply(event.tracking().toReport(order.key(), DeliverySource.WEBHOOK),
                    now);
            outcome = outcome == null || one == DeliveryUpdates.Outcome.SCHEDULED_ON_DELIVERY ? one : outcome;
            applied.add(order.key().orderId());
            LOG.info("AfterShip webhook applied", Map.of("ids", ids, "orderId", order.key().orderId(),
                    "outcome", one.name()));
            if (one == DeliveryUpdates.Outcome.SCHEDULED_ON_DELIVERY) {
                METRICS.count("DeliveriesSeen", Map.of("Source", "Webhook"));
            }
        }
        receipts.firstReceipt(SOURCE, event.eventId(), now.plus(REMEMBER_EVENTS));
        return HttpResponses.status(200, outcome.name().toLowerCase(Locale.ROOT),
                "applied to order " + String.join(", ", applied));
    }

    /** Only Delivered and Expired count, and only the shop's own trackings. */
    private static Optional<String> whyIgnored(String shop, AfterShipWebhookEvent event) {
        if (event.tracking().state() == TrackingState.ON_ITS_WAY) {
            return Optional.of("tag " + event.tracking().tag().wire() + " does not change the timing");
        }
        if (event.shopInBody() != null && !event.shopInBody().equals(shop)) {
            return Optional.of("the tracking belongs to another shop");
        }
        return Optional.empty();
    }

    /** Why neither the tracking index nor the tracking's order_id led to an order waiting on it. */
    private String whyNoOrder(String shop, AfterShipWebhookEvent event) {
        String id = event.tracking().orderId();
        if (id == null) {
            return "the tracking names no order and no order took it (not created by Doorstep)";
        }
        if (trustedOrderId(event) == null) {
            return "the tracking's order_id is not a Shopify order id and no order took it (not created by Doorstep)";
        }
        Optional<Order> order = orders.find(new OrderKey(shop, id));
        return order.isEmpty() ? "no such order" : "not the tracking of the order's initial fulfillment";
    }

    /**
     * The tracking's order_id as a key to look up, when it can be one of ours: anything else (another app's
     * order number, an oversized value) is never read as a key; the tracking index still maps the tracking.
     */
    private static String trustedOrderId(AfterShipWebhookEvent event) {
        String id = event.tracking().orderId();
        return id != null && SHOPIFY_ORDER_ID.matcher(id).matches() ? id : null;
    }

    private static APIGatewayV2HTTPResponse rejected(int status, String outcome, String reason, String shop) {
        return rejected(status, outcome, reason, shop, outcome);
    }

    /** {@code why}: the reason for the log and the metric, which may say more than the answer. */
    private static APIGatewayV2HTTPResponse rejected(int status, String outcome, String reason, String shop,
            String why) {
        LOG.warn("AfterShip webhook rejected", shop == null ? Map.of("status", status, "reason", why)
                : Map.of("status", status, "reason", why, "shop", shop));
        METRICS.count("WebhooksRejected", Map.of("Reason", why));
        return HttpResponses.status(status, outcome, reason);
    }

    /** The real collaborators, built once per container from the environment (template.yaml). */
    private record Wiring(WebhookSecrets secrets, ReceiptLog receipts, OrderStore orders, ShopStore shops,
            DeliveryUpdates updates, TrackingIndex trackingIndex) {

        static Wiring fromEnvironment() {
            DynamoDbClient dynamo = AwsClients.build(DynamoDbClient.builder());
            String table = AwsClients.requiredEnv("TABLE_NAME");
            var orders = new DynamoDbOrderStore(dynamo, table);
            var shops = new DynamoDbShopStore(dynamo, table);
            var policy = new TimingPolicy();
            var planner = new ReviewRequestPlanner(policy, orders, EventBridgeReviewScheduler.fromEnvironment());
            var cipher = new KmsApiKeyCipher(AwsClients.build(KmsClient.builder()),
                    AwsClients.requiredEnv("AFTERSHIP_KEYS_KMS_KEY_ID"));
            return new Wiring(new StoredWebhookSecrets(new DynamoDbAfterShipCredentialStore(dynamo, table), cipher),
                    new DynamoDbReceiptLog(dynamo, table), orders, shops, new DeliveryUpdates(orders, shops, policy, planner),
                    new DynamoDbTrackingIndex(dynamo, table));
        }
    }
}
