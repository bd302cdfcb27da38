package dev.doorstep.reliability;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.AfterShipTrackingService;
import dev.doorstep.aftership.ApiKey;
import dev.doorstep.aftership.CarrierSlugs;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.aftership.StoredApiKeys;
import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.core.delivery.DeliveryUpdates;
import dev.doorstep.core.delivery.FallbackDeadlines;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.polling.DueWorkSweep;
import dev.doorstep.core.polling.ShopPoll;
import dev.doorstep.core.sending.ReviewRequestComposer;
import dev.doorstep.core.sending.ReviewRequestSending;
import dev.doorstep.core.sending.SendConfirmation;
import dev.doorstep.core.sending.UnsubscribeTokens;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.tracking.TrackingCreation;
import dev.doorstep.emulator.AwsEmulator;
import dev.doorstep.emulator.SentEmail;
import dev.doorstep.fallback.FallbackFunction;
import dev.doorstep.lambda.Json;
import dev.doorstep.mail.SesMailer;
import dev.doorstep.orderstream.OrderStreamFunction;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.scheduling.ReviewSenderTarget;
import dev.doorstep.sending.DynamoDbSuppressionList;
import dev.doorstep.sending.ReviewSenderFunction;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbShopifyAccessTokenErasure;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbReceiptLog;
import dev.doorstep.store.DynamoDbShopStore;
import dev.doorstep.tracking.TrackingCreatorFunction;
import dev.doorstep.webhook.shopify.ShopifySecrets;
import dev.doorstep.webhook.shopify.ShopifyWebhookFunction;
import dev.doorstep.webhook.shopify.WebhookIntake;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The whole pipeline on one table, wired as the functions wire themselves but with every port going
 * through {@link Crash}, and driven the way AWS drives it: Shopify delivers (and retries), the stream's
 * mapping hands what its filters let through to OrderStreamFunction, which routes INSERTs to the tracking
 * creator (and retries from the earliest failed record), the poll and the due-work sweep run,
 * schedules fire the sender (and Scheduler retries a failed invocation), SES send events confirm sends.
 */
final class Pipeline {

    static final String SHOP = ShopifyDeliveries.SHOP;
    static final Instant START = Instant.parse("2026-03-12T10:00:00Z");
    static final String FROM = "reviews@doorstep.example";
    private static final int PLATFORM_RETRIES = 3;

    final String table = "doorstep-" + UUID.randomUUID();
    final String group = "review-requests-" + UUID.randomUUID();
    final String apiKey = "reliability-key-" + UUID.randomUUID();
    final MovableClock clock = new MovableClock(START);
    final DynamoDbOrderStore orders;
    private final AwsEmulator emulator;
    private final DynamoDbStreamsClient streams;
    private final SchedulerClient schedulerClient;
    private final AfterShipSandbox sandbox;
    private final String streamArn;
    private final ShopifyWebhookFunction webhook;
    private final OrderStreamFunction orderStream;
    private final ShopPoll poll;
    private final DueWorkSweep sweep;
    private final ReviewSenderFunction sender;
    private final SendConfirmation confirmation;

    Pipeline(AwsEmulator emulator, DynamoDbClient dynamo, DynamoDbStreamsClient streams, KmsClient kms,
            SchedulerClient schedulerClient, SesV2Client ses, AfterShipSandbox sandbox, URI aftershipBase, Crash crash) {
        this(emulator, dynamo, streams, kms, schedulerClient, ses, sandbox, aftershipBase, crash, Duration.ofSeconds(2));
    }

    /** @param aftershipTimeout the AfterShip client's request timeout (short, for timeout tests) */
    Pipeline(AwsEmulator emulator, DynamoDbClient dynamo, DynamoDbStreamsClient streams, KmsClient kms,
            SchedulerClient schedulerClient, SesV2Client ses, AfterShipSandbox sandbox, URI aftershipBase, Crash crash,
            Duration aftershipTimeout) {
        this.emulator = emulator;
        this.streams = streams;
        this.schedulerClient = schedulerClient;
        this.sandbox = sandbox;
        streamArn = DoorstepTable.create(dynamo, table);
        schedulerClient.createScheduleGroup(b -> b.name(group));
        ses.createEmailIdentity(b -> b.emailIdentity(FROM));
        sandbox.clock(START);
        orders = new DynamoDbOrderStore(dynamo, table);
        var realShops = new DynamoDbShopStore(dynamo, table);
        realShops.save(Shop.installed(ShopSettings.defaults(SHOP).toBuilder().aftershipEnabled(true).shopCountry("DE")
                .build()));
        var keys = new StoredApiKeys(new DynamoDbAfterShipCredentialStore(dynamo, table),
                new KmsApiKeyCipher(kms, kms.createKey(b -> b.description("AfterShip keys")).keyMetadata().keyId()),
                clock);
        keys.save(SHOP, new ApiKey(apiKey), null);

        var crashingOrders = new CrashingPorts.Orders(orders, crash);
        var shops = new CrashingPorts.Shops(realShops, crash);
        var scheduler = new CrashingPorts.Scheduler(new EventBridgeReviewScheduler(schedulerClient,
                new ReviewSenderTarget(group, "arn:aws:lambda:us-east-1:123456789012:function:review-sender",
                        "arn:aws:iam::123456789012:role/doorstep-scheduler",
                        "arn:aws:sqs:us-east-1:123456789012:doorstep-schedule-dlq"), clock), crash);
        var aftership = new CrashingPorts.AfterShip(new AfterShipTrackingService(new AfterShipClient(
                AfterShipConfig.defaults(aftershipBase).withTimeouts(aftershipTimeout, Duration.ofMillis(20))),
                keys, CarrierSlugs.standard()), crash);
        TimingPolicy policy = new TimingPolicy();
        ReviewRequestPlanner planner = new ReviewRequestPlanner(policy, crashingOrders, scheduler);

        webhook = new ShopifyWebhookFunction(ShopifySecrets.of(ShopifyDeliveries.SECRET, null),
                new WebhookIntake(shops, crashingOrders, crashingOrders, new DynamoDbAfterShipCredentialStore(dynamo,
                        table), new DynamoDbShopifyAccessTokenErasure(dynamo, table), scheduler, clock),
                new CrashingPorts.Receipts(new DynamoDbReceiptLog(dynamo, table, clock), crash), clock);
        TrackingCreation creation = new TrackingCreation(crashingOrders, shops, aftership, planner, policy);
        var fallbacks = new FallbackDeadlines(crashingOrders, shops, planner);
        // As deployed: one stream consumer that routes each record to the tracking creator or the fallback.
        orderStream = new OrderStreamFunction(new TrackingCreatorFunction(creation, clock),
                new FallbackFunction(fallbacks, clock));
        poll = new ShopPoll(shops, crashingOrders, aftership, new DeliveryUpdates(crashingOrders, shops, policy, planner));
        sweep = new DueWorkSweep(crashingOrders, shops, creation, fallbacks, planner, scheduler);
        ReviewRequestComposer composer = new ReviewRequestComposer(new UnsubscribeTokens(
                "a test secret that is long enough to sign with".getBytes(StandardCharsets.UTF_8)),
                URI.create("https://api.doorstep.example/unsubscribe"), null);
        sender = new ReviewSenderFunction(new ReviewRequestSending(crashingOrders, shops,
                new DynamoDbSuppressionList(dynamo, table), new CrashingPorts.Mail(new SesMailer(ses, FROM, null, clock),
                crash), composer, ReviewRequestSending.DEFAULT_LEASE), clock);
        confirmation = new SendConfirmation(orders);
    }

    /** The customer of an order (one address per order, so emails can be counted per order). */
    static String customer(String orderId) {
        return "buyer-" + orderId + "@example.com";
    }

    /** A fulfillments/create webhook for its own order; {@code trackingNumber} null for none. */
    static APIGatewayV2HTTPEvent fulfillment(String orderId, String trackingNumber) {
        return ShopifyDeliveries.fulfillment(SHOP, orderId, trackingNumber, customer(orderId));
    }

    /** The table's stream from its oldest record: what a replayed shard hands over again. */
    StreamReader streamFromStart() {
        return new StreamReader(streams, streamArn);
    }

    /** One pass of everything, from the webhooks to the confirmed sends, over 31 days of the clock. */
    void run(List<APIGatewayV2HTTPEvent> webhooks) {
        webhooks.forEach(this::deliver);
        stream(streamFromStart());
        for (int i = 0; i < 2; i++) {
            later(Duration.ofHours(13));
            quietly(() -> sweep.sweep(clock.instant(), () -> true));
            quietly(() -> poll.poll(SHOP, clock.instant(), clock.instant()));
        }
        later(Duration.ofDays(30));
        quietly(() -> sweep.sweep(clock.instant(), () -> true));
        fireSchedules(invocationsPerSchedule);
        confirmSends();
    }

    /** Each schedule's invocation arrives this many times during {@link #run}. */
    int invocationsPerSchedule = 1;

    void later(Duration by) {
        clock.advance(by);
        sandbox.advance(by);
    }

    /** Shopify: delivered again while the answer is not a 2xx (the same webhook id and body). */
    int deliver(APIGatewayV2HTTPEvent event) {
        int status = -1;
        for (int i = 0; i < PLATFORM_RETRIES && (status < 200 || status > 299); i++) {
            try {
                status = webhook.handleRequest(event, null).getStatusCode();
            } catch (RuntimeException e) {
                status = 502;
            }
        }
        return status;
    }

    /**
     * OrderStreamFunction's event source mapping: the filtered batch, then again from the earliest record
     * it reports failed (the whole batch if it threw).
     */
    void stream(StreamReader reader) {
        DynamodbEvent batch = reader.next();
        for (int i = 0; i < PLATFORM_RETRIES && !batch.getRecords().isEmpty(); i++) {
            try {
                StreamsEventResponse response = orderStream.handleRequest(batch, null);
                batch = StreamReader.fromEarliest(batch, response.getBatchItemFailures().stream()
                        .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList());
            } catch (RuntimeException e) {
                // the whole batch comes again
            }
        }
    }

    /** Scheduler fires each schedule (moto never does): the sender, retried if it throws; then it is deleted. */
    void fireSchedules() {
        fireSchedules(1);
    }

    /** @param invocations how many times each schedule's invocation arrives (Lambda's async delivery is at least once) */
    void fireSchedules(int invocations) {
        for (ScheduleSummary s : schedulerClient.listSchedulesPaginator(b -> b.groupName(group)).schedules()) {
            String input = schedulerClient.getSchedule(b -> b.groupName(group).name(s.name())).target().input();
            Map<String, Object> payload = payload(input);
            for (int i = 0; i < PLATFORM_RETRIES; i++) {
                try {
                    for (int n = 0; n < invocations; n++) {
                        sender.handleRequest(payload, null);
                    }
                    schedulerClient.deleteSchedule(b -> b.groupName(group).name(s.name()));
                    break;
                } catch (RuntimeException e) {
                    // Scheduler's retry policy invokes it again
                }
            }
        }
    }

    /** What SesFeedbackFunction does with SES's Send events: an order still SENDING becomes SENT. */
    void confirmSends() {
        for (SentEmail mail : emulator.sentEmails().all()) {
            for (String to : mail.to()) {
                if (to.startsWith("buyer-") && to.endsWith("@example.com")) {
                    String orderId = to.substring("buyer-".length(), to.indexOf('@'));
                    OrderKey key = new OrderKey(SHOP, orderId);
                    if (orders.find(key).isPresent()) {
                        confirmation.confirm(key, mail.messageId(), clock.instant());
                    }
                }
            }
        }
    }

    /** Emails SES accepted for the order. */
    List<SentEmail> emailsOf(String orderId) {
        return emulator.sentEmails().to(customer(orderId));
    }

    /** Trackings AfterShip (the sandbox) holds for a number, read through its control API as an operator would. */
    long trackingsOf(String trackingNumber) {
        return SandboxApi.trackings(sandbox).stream()
                .filter(t -> trackingNumber.equals(t.path("tracking_number").asText())).count();
    }

    Order order(String orderId) {
        return orders.find(new OrderKey(SHOP, orderId)).orElseThrow();
    }

    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            // a crashed run of a scheduled function: the next run does the work
        }
    }

    private static Map<String, Object> payload(String input) {
        try {
            return Json.MAPPER.readValue(input, new TypeReference<>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
