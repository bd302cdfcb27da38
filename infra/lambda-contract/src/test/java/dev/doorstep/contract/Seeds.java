package dev.doorstep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.timing.SendDecision;
import dev.doorstep.core.timing.TimingReason;
import dev.doorstep.store.DynamoDbOrderStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the samples refer to, put in place first, so each sample reaches real data: the shop
 * acme-tea (saved through ShopApiFunction's own jar, as a merchant saves it) and its orders.
 */
final class Seeds {

    static final String SHOP = "acme-tea.myshopify.com";
    /** The secret events/aftership-webhook/delivered.json is signed with (its README). */
    static final String AFTERSHIP_WEBHOOK_SECRET = "doorstep-sample-webhook-secret";
    static final Instant FULFILLED = Instant.parse("2026-03-02T10:00:00Z");

    private static final java.util.Set<String> SAVED = new java.util.HashSet<>();

    private final ContractDeployment deployment;
    final DynamoDbOrderStore orders;

    Seeds(ContractDeployment deployment) {
        this.deployment = deployment;
        this.orders = new DynamoDbOrderStore(deployment.aws.dynamo, ContractAws.TABLE);
    }

    /** acme-tea's settings from events/shop-api/put-settings.json, plus its AfterShip webhook secret. */
    void shop() {
        shop(SHOP);
    }

    /** {@code domain} installed with the sample's settings (the sample's shop replaced). */
    void shop(String domain) {
        synchronized (Seeds.class) {
            if (SAVED.contains(domain)) {
                return;
            }
            try (LambdaProcess shopApi = deployment.start("ShopApiFunction")) {
                String put = Samples.text("shop-api/put-settings.json").replace(SHOP, domain);
                ObjectNode withSecret = (ObjectNode) Samples.json(put);
                withSecret.put("body", "{\"aftershipWebhookSecret\":\"" + AFTERSHIP_WEBHOOK_SECRET + "\"}");
                for (String event : List.of(put, withSecret.toString())) {
                    Invocation saved = shopApi.invoke(event);
                    assertThat(Samples.json(saved.response()).path("statusCode").asInt())
                            .as("seeding acme-tea through ShopApiFunction: %s%n%s", saved.response(), saved.logs())
                            .isEqualTo(200);
                }
            }
            SAVED.add(domain);
        }
    }

    /** Replaces the order (an earlier test class may have moved it on). */
    Order put(Order order) {
        orders.delete(order.key());
        assertThat(orders.insert(order)).isTrue();
        return orders.find(order.key()).orElseThrow();
    }

    OrderStatus status(String orderId) {
        return orders.find(new OrderKey(SHOP, orderId)).orElseThrow(() -> new AssertionError("order " + orderId
                + " is gone")).status();
    }

    Order find(String orderId) {
        return orders.find(new OrderKey(SHOP, orderId)).orElseThrow();
    }

    /** The shop's suppression records (one per unsubscribed or bounced address digest). */
    int suppressions() {
        return deployment.aws.dynamo.scan(b -> b.tableName(ContractAws.TABLE).filterExpression("#t = :s")
                .expressionAttributeNames(java.util.Map.of("#t", "type"))
                .expressionAttributeValues(java.util.Map.of(":s",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SUPPRESSION"))))
                .count();
    }

    static Order received(String orderId, String trackingNumber, Instant fulfilledAt) {
        return received(orderId, trackingNumber, fulfilledAt, "ana@example.com");
    }

    static Order received(String orderId, String trackingNumber, Instant fulfilledAt, String email) {
        return Order.received(new OrderKey(SHOP, orderId), "#" + orderId,
                new Fulfillment("f-" + orderId, fulfilledAt, trackingNumber, "UPS", "US"),
                new Customer("c-" + orderId, "Ana Lima", email, null),
                List.of(new LineItem("p1", "Green Tea")), fulfilledAt);
    }

    static Order creatingTracking(String orderId, String trackingNumber, Instant fulfilledAt) {
        return received(orderId, trackingNumber, fulfilledAt)
                .moveTo(OrderStatus.CREATING_TRACKING, "tracking number and carrier given", fulfilledAt);
    }

    static Order waitingForDelivery(String orderId, String trackingNumber, String trackingId) {
        return creatingTracking(orderId, trackingNumber, FULFILLED).toBuilder().trackingId(trackingId).trackingAttempts(1)
                .fallbackDeadline(FULFILLED.plus(Duration.ofDays(60))).build()
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "AfterShip tracking created", FULFILLED);
    }

    static Order scheduled(String orderId, Instant sendAt) {
        return scheduled(orderId, sendAt, "ana@example.com");
    }

    static Order scheduled(String orderId, Instant sendAt, String email) {
        return received(orderId, "1Z999", FULFILLED, email).schedule(new SendDecision(sendAt, TimingReason.DELIVERY_BASED,
                sendAt, false, "3 days after delivery"), FULFILLED);
    }
}
