package dev.doorstep.shopapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.timing.TimingReason;
import dev.doorstep.lambda.Json;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.scheduling.ReviewSenderTarget;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** The shop API wired to real AWS APIs (the emulator) and the AfterShip sandbox, as in a deployment. */
final class ShopApiHarness {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");
    static final String SENDER = "arn:aws:lambda:us-east-1:123456789012:function:review-sender:live";
    static final String ROLE = "arn:aws:iam::123456789012:role/doorstep-scheduler";
    static final String DLQ = "arn:aws:sqs:us-east-1:123456789012:doorstep-review-send-dlq";

    final String table = "doorstep-" + UUID.randomUUID();
    final String group = "review-requests-" + UUID.randomUUID();
    final DynamoDbShopStore shops;
    final DynamoDbOrderStore orders;
    final DynamoDbAfterShipCredentialStore credentials;
    final KmsApiKeyCipher cipher;
    final SchedulerClient scheduler;
    final ShopApiFunction function;
    final dev.doorstep.store.DynamoDbCustomerDataExports exports;

    ShopApiHarness(DynamoDbClient dynamo, KmsClient kms, SchedulerClient scheduler, AfterShipSandbox sandbox) {
        this(dynamo, kms, scheduler, sandbox, ShopApiCallers.anyCaller());
    }

    /** @param callers which IAM caller may act on which shop, as {@code SHOP_API_CALLERS} says in AWS */
    ShopApiHarness(DynamoDbClient dynamo, KmsClient kms, SchedulerClient scheduler, AfterShipSandbox sandbox,
            ShopApiCallers callers) {
        DoorstepTable.create(dynamo, table);
        scheduler.createScheduleGroup(b -> b.name(group));
        this.scheduler = scheduler;
        shops = new DynamoDbShopStore(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        credentials = new DynamoDbAfterShipCredentialStore(dynamo, table);
        cipher = new KmsApiKeyCipher(kms, kms.createKey(b -> b.description("AfterShip keys")).keyMetadata().keyId());
        AfterShipConfig aftership = AfterShipConfig.defaults(sandbox.baseUrl())
                .withTimeouts(Duration.ofMillis(800), Duration.ofMillis(20)).withAttempts(2, 1);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        exports = new dev.doorstep.store.DynamoDbCustomerDataExports(dynamo, table, clock);
        function = new ShopApiFunction(shops, orders, credentials,
                new AfterShipCouriersKeyCheck(new AfterShipClient(aftership)), cipher,
                new EventBridgeReviewScheduler(scheduler, new ReviewSenderTarget(group, SENDER, ROLE, DLQ), clock),
                exports, clock, callers);
    }

    static APIGatewayV2HTTPEvent request(String method, String path, String body, Map<String, String> query) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + path)
                .withRawPath(path)
                .withHeaders(Map.of("content-type", "application/json"))
                .withQueryStringParameters(query)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                                .build())
                        .build())
                .build();
    }

    /** The request as API Gateway's IAM authorizer passes it: signed by {@code callerArn}. */
    APIGatewayV2HTTPResponse callAs(String callerArn, String method, String path, String body) {
        APIGatewayV2HTTPEvent event = request(method, path, body, null);
        event.getRequestContext().setAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder().withUserArn(callerArn)
                        .withAccountId("123456789012").build())
                .build());
        return function.handleRequest(event, null);
    }

    APIGatewayV2HTTPResponse call(String method, String path, String body) {
        return call(method, path, body, null);
    }

    APIGatewayV2HTTPResponse call(String method, String path, String body, Map<String, String> query) {
        return function.handleRequest(request(method, path, body, query), null);
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** An order of {@code shop} stored in {@code status}, with a customer whose data must never show. */
    Order storeOrder(String shop, String orderId, OrderStatus status) {
        OrderKey key = new OrderKey(shop, orderId);
        Order order = Order.received(key, "#" + orderId,
                new Fulfillment("f" + orderId, FULFILLED, "1Z999AA1" + orderId, "UPS", "US"),
                new Customer("c" + orderId, "Ada Lovelace", "ada@example.com", "+15550100"),
                List.of(new LineItem("p1", "Tea")), FULFILLED);
        Order.Builder tracked = order.moveTo(OrderStatus.CREATING_TRACKING, "trackable", FULFILLED).toBuilder();
        order = switch (status) {
            case CREATING_TRACKING -> tracked.build();
            case TRACKING_RETRY -> tracked.trackingAttempts(1).trackingFailure("invalid courier")
                    .trackingRetryAt(FULFILLED.plus(Duration.ofHours(12))).build()
                    .moveTo(OrderStatus.TRACKING_RETRY, "AfterShip could not create the tracking", FULFILLED);
            case WAITING_FOR_DELIVERY -> tracked.trackingId("t" + orderId)
                    .fallbackDeadline(FULFILLED.plus(Duration.ofDays(60))).build()
                    .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "AfterShip tracking created", FULFILLED);
            case SCHEDULED -> order.toBuilder().sendAt(FULFILLED.plus(Duration.ofDays(7)))
                    .sendReason(TimingReason.FULFILLMENT_BASED).build()
                    .moveTo(OrderStatus.SCHEDULED, "the fulfillment has no tracking number", FULFILLED);
            case SENT -> order.toBuilder().sendAt(FULFILLED.plus(Duration.ofDays(7)))
                    .sendReason(TimingReason.FULFILLMENT_BASED).build()
                    .moveTo(OrderStatus.SCHEDULED, "no tracking number", FULFILLED)
                    .moveTo(OrderStatus.SENDING, "claimed", FULFILLED.plus(Duration.ofDays(7)))
                    .toBuilder().messageId("m" + orderId).build()
                    .moveTo(OrderStatus.SENT, "sent", FULFILLED.plus(Duration.ofDays(7)));
            default -> throw new IllegalArgumentException(status.name());
        };
        orders.insert(order);
        return orders.find(key).orElseThrow();
    }
}
