package dev.doorstep.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.sending.Mailer;
import dev.doorstep.core.sending.ReviewRequestComposer;
import dev.doorstep.core.sending.ReviewRequestSending;
import dev.doorstep.core.sending.TransientMailFailure;
import dev.doorstep.emulator.AwsEmulator;
import dev.doorstep.emulator.SentEmail;
import dev.doorstep.emulator.WithAwsEmulator;
import dev.doorstep.lambda.Json;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.mail.SesMailer;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.scheduling.ReviewSenderTarget;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The sender end to end over the wire: orders in DynamoDB, the schedule in Scheduler (whose payload
 * we hand to the function, since emulated schedules never fire), the email through SES, read back.
 */
@WithAwsEmulator
class ReviewSenderFunctionTest {

    private static final String FROM = "reviews@doorstep.example";
    private static final Instant NOW = Fixtures.SEND_AT.plusSeconds(30);

    private final AwsEmulator emulator;
    private final SchedulerClient schedulerClient;
    private final DynamoDbOrderStore orders;
    private final DynamoDbSuppressionList suppressions;
    private final EventBridgeReviewScheduler scheduler;
    private final ReviewRequestComposer composer = new ReviewRequestComposer(Fixtures.TOKENS,
            URI.create("https://api.doorstep.example/unsubscribe"), null);
    private final SesMailer ses;
    private final DynamoDbShopStore shops;
    private final SesV2Client sesClient;
    private final String group = "reviews-" + UUID.randomUUID();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    ReviewSenderFunctionTest(DynamoDbClient dynamo, SesV2Client sesClient, SchedulerClient schedulerClient,
            AwsEmulator emulator) {
        this.emulator = emulator;
        this.schedulerClient = schedulerClient;
        this.sesClient = sesClient;
        String table = "doorstep-" + UUID.randomUUID();
        DoorstepTable.create(dynamo, table);
        orders = new DynamoDbOrderStore(dynamo, table);
        shops = new DynamoDbShopStore(dynamo, table);
        suppressions = new DynamoDbSuppressionList(dynamo, table);
        shops.save(Shop.installed(ShopSettings.defaults(Fixtures.SHOP).toBuilder()
                .timeZone(ZoneId.of("America/New_York")).build()));
        sesClient.createEmailIdentity(b -> b.emailIdentity(FROM));
        ses = new SesMailer(sesClient, FROM, null, Clock.fixed(NOW, ZoneOffset.UTC));
        schedulerClient.createScheduleGroup(b -> b.name(group));
        scheduler = new EventBridgeReviewScheduler(schedulerClient, new ReviewSenderTarget(group,
                "arn:aws:lambda:us-east-1:123456789012:function:review-sender",
                "arn:aws:iam::123456789012:role/doorstep-scheduler",
                "arn:aws:sqs:us-east-1:123456789012:doorstep-schedule-dlq"),
                Clock.fixed(Fixtures.FULFILLED, ZoneOffset.UTC));
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        JsonLog.redirect(System.out);
    }

    private ReviewSenderFunction function(Mailer mailer) {
        return new ReviewSenderFunction(new ReviewRequestSending(orders, shops, suppressions, mailer, composer,
                ReviewRequestSending.DEFAULT_LEASE), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The function as deployed: held sends get their retry schedule from the emulated Scheduler. */
    private ReviewSenderFunction retryingFunction(Mailer mailer, Instant now) {
        return new ReviewSenderFunction(new ReviewRequestSending(orders, shops, suppressions, mailer, composer,
                ReviewRequestSending.DEFAULT_LEASE, dev.doorstep.core.sending.Pause.SLEEP, scheduler),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String customer() {
        return "buyer-" + UUID.randomUUID() + "@example.com";
    }

    /** Schedules the order and returns what the schedule would hand the function when it fires. */
    private Map<String, Object> scheduleAndReadPayload(Order order) {
        scheduler.schedule(order.key(), order.sendAt(), ZoneId.of("America/New_York"));
        String input = schedulerClient.getSchedule(b -> b.groupName(group)
                .name(dev.doorstep.scheduling.ScheduleNames.of(order.key()))).target().input();
        try {
            return Json.MAPPER.readValue(input, new TypeReference<>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("SES refusing our set-up (sender not verified) holds the order, counts the alarm's metric, and"
            + " the order goes out once the set-up is fixed")
    void setupErrorHoldsAndAlarmsThenSendsOnceFixed() {
        String to = customer();
        Order order = Fixtures.scheduled("1002", to);
        orders.insert(order);
        Map<String, Object> payload = scheduleAndReadPayload(order);
        ByteArrayOutputStream metrics = new ByteArrayOutputStream();
        dev.doorstep.lambda.Metrics.redirect(new PrintStream(metrics, true, StandardCharsets.UTF_8));
        Map<String, Object> held;
        try {
            SesMailer unverified = new SesMailer(sesClient, "reviews@not-verified.example", null,
                    Clock.fixed(NOW, ZoneOffset.UTC));
            held = function(unverified).handleRequest(payload, null);
        } finally {
            dev.doorstep.lambda.Metrics.redirect(System.out);
        }

        assertThat(held).containsEntry("status", "HELD");
        Order stored = orders.find(order.key()).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(stored.statusReason()).startsWith("held until the mail set-up is fixed");
        assertThat(metrics.toString(StandardCharsets.UTF_8)).contains("\"MailSetupErrors\":1")
                .contains("\"Function\":\"ReviewSender\"");
        assertThat(emulator.sentEmails().to(to)).isEmpty();

        assertThat(function(ses).handleRequest(payload, null)).containsEntry("status", "SENT");
        assertThat(emulator.sentEmails().to(to)).hasSize(1);
        assertThat(orders.find(order.key()).orElseThrow().status()).isEqualTo(OrderStatus.SENT);
    }

    @Test
    @DisplayName("a held send gets its own retry schedule in Scheduler 15 minutes on (plus its spread), the reason"
            + " names that time to the minute, and the retry sends once the set-up is fixed")
    void heldSendIsRetriedByItsOwnSchedule() {
        String to = customer();
        Order order = Fixtures.scheduled("1003", to);
        orders.insert(order);
        Map<String, Object> payload = scheduleAndReadPayload(order);
        String ordersSchedule = schedulerClient.getSchedule(b -> b.groupName(group)
                .name(dev.doorstep.scheduling.ScheduleNames.of(order.key()))).scheduleExpression();
        SesMailer unverified = new SesMailer(sesClient, "reviews@not-verified.example", null,
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(retryingFunction(unverified, NOW).handleRequest(payload, null)).containsEntry("status", "HELD");

        String retryName = dev.doorstep.scheduling.ScheduleNames.heldRetryOf(order.key(), 1);
        var retry = schedulerClient.getSchedule(b -> b.groupName(group).name(retryName));
        assertThat(retry.scheduleExpressionTimezone()).isEqualTo("America/New_York");
        Matcher at = Pattern.compile("at\\((.+)\\)").matcher(retry.scheduleExpression());
        assertThat(at.matches()).isTrue();
        Instant scheduled = java.time.LocalDateTime.parse(at.group(1)).atZone(ZoneId.of("America/New_York"))
                .toInstant();
        assertThat(scheduled).isBetween(NOW.plus(java.time.Duration.ofMinutes(15)).minusSeconds(1),
                NOW.plus(java.time.Duration.ofMinutes(15)).plusSeconds(225));
        Order held = orders.find(order.key()).orElseThrow();
        Matcher named = Pattern.compile("; trying again at (\\S+)$").matcher(held.statusReason());
        assertThat(named.find()).as(held.statusReason()).isTrue();
        assertThat(Instant.parse(named.group(1)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
                .isEqualTo(scheduled.truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        assertThat(held.statusReason()).startsWith("held until the mail set-up is fixed: ");
        assertThat(held.sendAt()).isEqualTo(scheduled);
        assertThat(schedulerClient.getSchedule(b -> b.groupName(group)
                .name(dev.doorstep.scheduling.ScheduleNames.of(order.key()))).scheduleExpression())
                .as("the schedule that fired is not touched").isEqualTo(ordersSchedule);

        Map<String, Object> retryPayload;
        try {
            retryPayload = Json.MAPPER.readValue(retry.target().input(), new TypeReference<>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Instant fires = scheduled.plusSeconds(20);
        SesMailer fixed = new SesMailer(sesClient, FROM, null, Clock.fixed(fires, ZoneOffset.UTC));
        assertThat(retryingFunction(fixed, fires).handleRequest(retryPayload, null)).containsEntry("status", "SENT");
        assertThat(retryingFunction(fixed, fires.plusSeconds(40)).handleRequest(payload, null))
                .as("the order's first schedule firing late finds it sent").containsEntry("status", "ALREADY_SENT");
        assertThat(emulator.sentEmails().to(to)).hasSize(1);
    }

    @Test
    @DisplayName("the schedule fires twice: one email, headers and escaping intact, order SENT")
    void doubleInvocationSendsOneEmail() {
        String to = customer();
        Order order = Fixtures.scheduled("1001", to);
        orders.insert(order);
        Map<String, Object> payload = scheduleAndReadPayload(order);
        ReviewSenderFunction function = function(ses);

        Map<String, Object> first = function.handleRequest(payload, null);
        Map<String, Object> second = function.handleRequest(payload, null);

        assertThat(first).containsEntry("status", "SENT");
        assertThat(second).containsEntry("status", "ALREADY_SENT").containsEntry("messageId", first.get("messageId"));
        List<SentEmail> sent = emulator.sentEmails().to(to);
        assertThat(sent).singleElement().satisfies(mail -> {
            assertThat(mail.messageId()).isEqualTo(first.get("messageId"));
            assertThat(mail.subject()).isEqualTo("How was your order from acme-tea?");
            assertThat(mail.header("List-Unsubscribe")).startsWith("<https://api.doorstep.example/unsubscribe?token=");
            assertThat(mail.header("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
            String html = part(mail.raw(), "text/html");
            assertThat(html).contains("Ana &lt;b&gt;Lima&lt;/b&gt;", "Green Tea &amp; Honey").doesNotContain("<b>");
            assertThat(part(mail.raw(), "text/plain")).contains("Hi Ana <b>Lima</b>,", "Green Tea & Honey");
        });
        Order stored = orders.find(order.key()).orElseThrow();
        assertThat(stored.status()).isEqualTo(OrderStatus.SENT);
        assertThat(stored.messageId()).isEqualTo(first.get("messageId"));
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("review request sent").doesNotContain(to)
                .doesNotContain("Ana");
    }

    @Test
    @DisplayName("cancelled before the send time: the schedule is gone, and a late firing sends nothing")
    void cancelBeforeSendTime() {
        String to = customer();
        Order order = Fixtures.scheduled("1002", to);
        orders.insert(order);
        Map<String, Object> payload = scheduleAndReadPayload(order);

        Order stored = orders.find(order.key()).orElseThrow();
        orders.update(stored, stored.moveTo(OrderStatus.CANCELLED, "order cancelled in Shopify",
                NOW.minusSeconds(3600)));
        scheduler.cancel(order.key());

        assertThatThrownBy(() -> schedulerClient.getSchedule(b -> b.groupName(group)
                .name(dev.doorstep.scheduling.ScheduleNames.of(order.key()))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(function(ses).handleRequest(payload, null)).containsEntry("status", "NOT_PENDING");
        assertThat(emulator.sentEmails().to(to)).isEmpty();
    }

    @Test
    @DisplayName("refunded after scheduling, with the schedule still there: caught at send time")
    void refundCaughtAtSendTime() {
        String to = customer();
        Order order = Fixtures.scheduled("1003", to);
        orders.insert(order);
        Map<String, Object> payload = scheduleAndReadPayload(order);
        Order stored = orders.find(order.key()).orElseThrow();
        orders.update(stored, stored.moveTo(OrderStatus.CANCELLED, "order refunded", NOW.minusSeconds(60)));

        Map<String, Object> result = function(ses).handleRequest(payload, null);

        assertThat(result).containsEntry("status", "NOT_PENDING");
        assertThat((String) result.get("reason")).contains("order refunded");
        assertThat(emulator.sentEmails().to(to)).isEmpty();
    }

    @Test
    @DisplayName("a customer who clicked one-click unsubscribe gets no further request")
    void unsubscribedCustomerGetsNothing() {
        String to = customer();
        Order first = Fixtures.scheduled("1004", to);
        Order second = Fixtures.scheduled("1005", to.toUpperCase(java.util.Locale.ROOT));
        orders.insert(first);
        orders.insert(second);
        ReviewSenderFunction function = function(ses);
        function.handleRequest(scheduleAndReadPayload(first), null);

        // The customer's mail client posts to the List-Unsubscribe URL of the email they received.
        String header = emulator.sentEmails().to(to).getFirst().header("List-Unsubscribe");
        Matcher token = Pattern.compile("token=([A-Za-z0-9._%-]+)>").matcher(header);
        assertThat(token.find()).isTrue();
        APIGatewayV2HTTPEvent oneClick = Fixtures.event("unsubscribe-one-click.json", APIGatewayV2HTTPEvent.class,
                Map.of("{{token}}", java.net.URLDecoder.decode(token.group(1), StandardCharsets.UTF_8)));
        assertThat(new UnsubscribeFunction(Fixtures.TOKENS, suppressions, Clock.fixed(NOW, ZoneOffset.UTC))
                .handleRequest(oneClick, null).getStatusCode()).isEqualTo(200);

        Map<String, Object> result = function.handleRequest(scheduleAndReadPayload(second), null);

        assertThat(result).containsEntry("status", "SKIPPED")
                .containsEntry("reason", "the customer unsubscribed from review requests");
        assertThat(orders.find(second.key()).orElseThrow().status()).isEqualTo(OrderStatus.SKIPPED);
        assertThat(emulator.sentEmails().to(to)).hasSize(1);
    }

    @Test
    @DisplayName("SES throttles the first attempt: the invocation fails for a retry, and the retry sends once")
    void throttlingThenSuccess() {
        String to = customer();
        Order order = Fixtures.scheduled("1006", to);
        orders.insert(order);
        Map<String, Object> payload = scheduleAndReadPayload(order);
        AtomicInteger calls = new AtomicInteger();
        Mailer throttledOnce = email -> {
            if (calls.getAndIncrement() == 0) {
                throw new TransientMailFailure("the mail service refused for now: TooManyRequestsException", null);
            }
            return ses.send(email);
        };
        ReviewSenderFunction function = function(throttledOnce);

        assertThatThrownBy(() -> function.handleRequest(payload, null)).isInstanceOf(TransientMailFailure.class);
        assertThat(orders.find(order.key()).orElseThrow().status()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(emulator.sentEmails().to(to)).isEmpty();

        assertThat(function.handleRequest(payload, null)).containsEntry("status", "SENT");
        assertThat(emulator.sentEmails().to(to)).hasSize(1);
        assertThat(orders.find(order.key()).orElseThrow().status()).isEqualTo(OrderStatus.SENT);
    }

    @Test
    @DisplayName("the sample event reads as the runtime hands it over; a payload without an order is refused by name")
    void payloads() {
        @SuppressWarnings("unchecked")
        Map<String, Object> sample = Fixtures.event("scheduled-send.json", Map.class, Map.of());
        assertThat(ScheduledSend.from(sample).order()).isEqualTo(new OrderKey(Fixtures.SHOP, "5551234"));
        assertThat(function(ses).handleRequest(sample, null)).containsEntry("status", "NOT_FOUND");

        assertThatThrownBy(() -> function(ses).handleRequest(Map.of("shop", Fixtures.SHOP), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orderId");
        assertThatThrownBy(() -> function(ses).handleRequest(Map.of("shop", Fixtures.SHOP, "orderId", "1",
                "sendAt", "tomorrow"), null)).hasMessageContaining("sendAt");
    }

    /** The decoded body of the multipart part with the given content type. */
    private static String part(String raw, String type) {
        int header = raw.indexOf("Content-Type: " + type);
        int start = raw.indexOf("\r\n\r\n", header) + 4;
        int end = raw.indexOf("\r\n--", start);
        return new String(Base64.getMimeDecoder().decode(raw.substring(start, end).strip()), StandardCharsets.UTF_8);
    }
}
