package dev.doorstep.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipTrackingErasure;
import dev.doorstep.aftership.AfterShipConfig;
import dev.doorstep.aftership.AfterShipTrackingService;
import dev.doorstep.aftership.CarrierSlugs;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.aftership.StoredApiKeys;
import dev.doorstep.core.intake.PrivacyWork;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.sending.Pause;
import dev.doorstep.core.sending.ProductPages;
import dev.doorstep.core.sending.ReviewRequestComposer;
import dev.doorstep.core.sending.ReviewRequestSending;
import dev.doorstep.core.sending.SendConfirmation;
import dev.doorstep.core.sending.UnsubscribeTokens;
import dev.doorstep.core.shopify.ShopInstallation;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.core.tracking.TrackingCreation;
import dev.doorstep.mail.SesMailer;
import dev.doorstep.scheduling.EventBridgeOrderWakeUps;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.scheduling.PollQueueBackfillRequests;
import dev.doorstep.core.intake.BackfillOffering;
import dev.doorstep.core.intake.FulfillmentFact;
import dev.doorstep.core.port.OrderSource;
import dev.doorstep.core.port.Page;
import dev.doorstep.shopify.ShopifyOrderSource;
import dev.doorstep.scheduling.WakeUpTarget;
import dev.doorstep.store.DynamoDbTrackingIndex;
import dev.doorstep.scheduling.ReviewSenderTarget;
import dev.doorstep.sending.DynamoDbSuppressionList;
import dev.doorstep.sending.ReviewSenderFunction;
import dev.doorstep.sending.SesFeedbackFunction;
import dev.doorstep.sending.UnsubscribeFunction;
import dev.doorstep.shopapi.AfterShipCouriersKeyCheck;
import dev.doorstep.shopapi.ShopApiFunction;
import dev.doorstep.shopify.KmsShopifyAccessTokens;
import dev.doorstep.shopify.SessionTokenVerifier;
import dev.doorstep.shopify.ShopifyAdminClient;
import dev.doorstep.shopify.ShopifyConfig;
import dev.doorstep.shopify.ShopifyProductPages;
import dev.doorstep.shopifyapp.ShopifyAppFunction;
import dev.doorstep.core.merchant.MerchantChoices;
import dev.doorstep.merchantpage.EmailPreview;
import dev.doorstep.merchantpage.EmailPreviewOrder;
import dev.doorstep.merchantpage.MerchantOverview;
import dev.doorstep.merchantpage.MerchantPageFunction;
import dev.doorstep.merchantpage.MerchantPageHtml;
import java.time.Clock;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbBackfillOffers;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbReceiptLog;
import dev.doorstep.store.DynamoDbShopStore;
import dev.doorstep.store.DynamoDbShopifyAccessTokenErasure;
import dev.doorstep.tracking.TrackingCreatorFunction;
import dev.doorstep.webhook.shopify.ShopifySecrets;
import dev.doorstep.webhook.shopify.ShopifyWebhookFunction;
import dev.doorstep.store.DynamoDbCustomerDataExports;
import dev.doorstep.webhook.shopify.PrivacyWorkerFunction;
import dev.doorstep.webhook.shopify.WebhookIntake;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.delivery.DeliveryUpdates;
import dev.doorstep.core.delivery.FallbackDeadlines;
import dev.doorstep.events.EventBus;
import dev.doorstep.events.EventPublisherFunction;
import dev.doorstep.fallback.FallbackFunction;
import dev.doorstep.orderstream.OrderStreamFunction;
import dev.doorstep.lambda.Json;
import dev.doorstep.poller.DeliveryPollerFunction;
import dev.doorstep.poller.PollerWiring;
import dev.doorstep.poller.ShopPollWorker;
import dev.doorstep.webhook.aftership.AfterShipWebhookFunction;
import dev.doorstep.webhook.aftership.StoredWebhookSecrets;
import java.net.URI;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.Message;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * Every Doorstep function, built the way its no-argument constructor builds it in AWS, but with
 * the emulator's clients, the AfterShip base URL of the sandbox and the local clock.
 */
final class LocalFunctions {

    /** The order wake-up queue's ARN: the target of the order wake-up schedules, as WAKE_UP_QUEUE_ARN is in AWS. */
    static final String WAKE_UP_QUEUE_ARN = LocalAws.arn("sqs", LocalAws.WAKE_UP_QUEUE);

    final DynamoDbOrderStore orders;
    final DynamoDbShopStore shops;
    final StoredApiKeys apiKeys;
    final ShopifyWebhookFunction shopifyWebhook;
    final TrackingCreatorFunction trackingCreator;
    final ReviewSenderFunction reviewSender;
    final UnsubscribeFunction unsubscribe;
    final ShopApiFunction shopApi;
    final DeliveryPollerFunction poller;
    final ShopPollWorker pollWorker;
    final FallbackFunction fallback;
    /** The tracking creator and the fallback behind the order stream's one mapping, as in AWS. */
    final OrderStreamFunction orderStream;
    final AfterShipWebhookFunction aftershipWebhook;
    final SesFeedbackFunction sesFeedback;
    final EventPublisherFunction eventPublisher;
    private ShopifyAppFunction shopifyApp;
    private MerchantPageFunction merchantPage;
    private final EventBridgeReviewScheduler reviewScheduler;
    /** Set with the Shopify app: the review sender reads product pages with the shop's stored token. */
    private volatile ProductPages productPages = ProductPages.NONE;
    /** Set with the Shopify app: a backfill reads the shop's orders with its stored token. */
    private volatile OrderSource orderSource = (shop, since, cursor) -> new Page<FulfillmentFact>(List.of(), null);
    /**
     * As in AWS: a switch-on or an install offers the shop's backfill (stored in the table); accepting it
     * queues the backfill on the poll queue.
     */
    private final BackfillOffering backfills;
    private final ObjectMapper json = Json.MAPPER;
    private final RuntimeLog log = new RuntimeLog(System.err);

    LocalFunctions(LocalAws aws, SchedulerClient schedulerClient, LocalClock clock, AfterShipConfig afterShipConfig,
            String shopifySecret, URI publicUrl) {
        String table = LocalAws.TABLE;
        orders = new DynamoDbOrderStore(aws.dynamo, table);
        shops = new DynamoDbShopStore(aws.dynamo, table);
        var credentials = new DynamoDbAfterShipCredentialStore(aws.dynamo, table);
        var scheduler = new EventBridgeReviewScheduler(schedulerClient, new ReviewSenderTarget(LocalAws.SCHEDULE_GROUP,
                LocalAws.arn("lambda", "function:ReviewSenderFunction"),
                "arn:aws:iam::" + LocalAws.ACCOUNT + ":role/doorstep-scheduler",
                LocalAws.arn("sqs", "doorstep-schedule-dlq")), clock);
        reviewScheduler = scheduler;
        // As in AWS: a tracking retry or fallback deadline wakes its order at its time (a schedule whose target
        // is the wake-up queue), and the tracking index maps AfterShip's trackings back to orders.
        var wakeUps = new EventBridgeOrderWakeUps(schedulerClient, new WakeUpTarget(LocalAws.SCHEDULE_GROUP,
                WAKE_UP_QUEUE_ARN, "arn:aws:iam::" + LocalAws.ACCOUNT + ":role/doorstep-scheduler",
                LocalAws.arn("sqs", "doorstep-schedule-dlq")), clock);
        var trackingIndex = new DynamoDbTrackingIndex(aws.dynamo, table);
        var backfillOffers = new DynamoDbBackfillOffers(aws.dynamo, table);
        backfills = new BackfillOffering(shops, backfillOffers, new PollQueueBackfillRequests(aws.sqs,
                aws.pollQueueUrl));
        TimingPolicy policy = new TimingPolicy();
        ReviewRequestPlanner planner = new ReviewRequestPlanner(policy, orders, scheduler);
        var cipher = new KmsApiKeyCipher(aws.kms, aws.kmsKeyId);
        var aftershipClient = new AfterShipClient(afterShipConfig);
        var receipts = new DynamoDbReceiptLog(aws.dynamo, table, clock);
        apiKeys = new StoredApiKeys(credentials, cipher, clock);
        var aftership = new AfterShipTrackingService(aftershipClient,
                apiKeys, CarrierSlugs.standard());

        shopifyWebhook = new ShopifyWebhookFunction(ShopifySecrets.of(shopifySecret, null),
                WebhookIntake.onDynamoDb(aws.dynamo, table, scheduler, clock, new LocalPrivacyQueue(
                        new PrivacyWorkerFunction(new PrivacyWork(shops, orders, credentials,
                                new DynamoDbShopifyAccessTokenErasure(aws.dynamo, table), scheduler,
                                new DynamoDbCustomerDataExports(aws.dynamo, table, clock),
                                new AfterShipTrackingErasure(aftershipClient, apiKeys), clock)))),
                receipts, clock);
        trackingCreator = new TrackingCreatorFunction(
                new TrackingCreation(orders, shops, aftership, planner, policy, wakeUps, trackingIndex), clock);

        var suppressions = new DynamoDbSuppressionList(aws.dynamo, table);
        var tokens = new UnsubscribeTokens(("local-unsubscribe-" + shopifySecret).getBytes(StandardCharsets.UTF_8));
        var composer = new ReviewRequestComposer(tokens, publicUrl.resolve("/unsubscribe"), null,
                (shop, ids) -> productPages.find(shop, ids));
        var sending = new ReviewRequestSending(orders, shops, suppressions,
                new SesMailer(aws.ses, LocalAws.SENDER, null, clock), composer, ReviewRequestSending.DEFAULT_LEASE,
                Pause.SLEEP, scheduler);
        reviewSender = new ReviewSenderFunction(sending, clock);
        unsubscribe = new UnsubscribeFunction(tokens, suppressions, clock);
        sesFeedback = new SesFeedbackFunction(suppressions, tokens.digester(), new SendConfirmation(orders), clock);
        eventPublisher = new EventPublisherFunction(EventBus.of(aws.events), LocalAws.EVENT_BUS, clock);
        shopApi = new ShopApiFunction(shops, orders, credentials,
                new AfterShipCouriersKeyCheck(aftershipClient), cipher, scheduler,
                new DynamoDbCustomerDataExports(aws.dynamo, table, clock), clock, backfills);

        PollerWiring pollerWiring = new PollerWiring(shops, orders, aftership, scheduler, wakeUps, trackingIndex);
        poller = new DeliveryPollerFunction(pollerWiring, aws.sqs, aws.pollQueueUrl, clock);
        pollWorker = new ShopPollWorker(pollerWiring.shopPoll(), pollerWiring.sweep(),
                pollerWiring.backfill((shop, since, cursor) -> orderSource.fulfilledSince(shop, since, cursor),
                        backfillOffers), clock);
        fallback = new FallbackFunction(new FallbackDeadlines(orders, shops, planner), clock);
        orderStream = new OrderStreamFunction(trackingCreator, fallback);
        aftershipWebhook = new AfterShipWebhookFunction(
                new StoredWebhookSecrets(credentials, cipher), receipts, orders, shops,
                new DeliveryUpdates(orders, shops, policy, planner), trackingIndex, clock);
    }

    /**
     * The embedded app's session route against {@code adminBaseUrl} (the stand-in, or a real shop's admin).
     * Session tokens are checked against real time, as Shopify signs them; the facts are dated on the
     * local clock, as the webhooks are.
     */
    void hostShopifyApp(LocalAws aws, LocalClock clock, String clientId, String clientSecret, String adminBaseUrl) {
        ShopifyConfig config = new ShopifyConfig(clientId, clientSecret, adminBaseUrl, null, null, 3);
        ShopifyAdminClient admin = new ShopifyAdminClient(config, clock);
        var accessTokens = new KmsShopifyAccessTokens(aws.dynamo, LocalAws.TABLE, new KmsApiKeyCipher(aws.kms, aws.kmsKeyId));
        shopifyApp = new ShopifyAppFunction(new SessionTokenVerifier(clientId, clientSecret, Clock.systemUTC(),
                SessionTokenVerifier.DEFAULT_LEEWAY), new ShopInstallation(shops, admin, accessTokens, backfills), clock);
        productPages = new ShopifyProductPages(accessTokens, admin);
        orderSource = new ShopifyOrderSource(accessTokens, admin);
        // The merchant's page: the same session tokens, the shop API's own endpoints; locally it asks the
        // runtime (GET /_local/session-token) for a token of the shop the developer picks.
        merchantPage = new MerchantPageFunction(new SessionTokenVerifier(clientId, clientSecret, Clock.systemUTC(),
                SessionTokenVerifier.DEFAULT_LEEWAY), shopApi, shops, new MerchantChoices(orders, shops, reviewScheduler),
                new MerchantOverview(orders), new EmailPreview(new EmailPreviewOrder(orders),
                        ReviewRequestComposer.forPreviews((shop, ids) -> productPages.find(shop, ids))),
                new MerchantPageHtml(clientId, true), clock);
    }

    /**
     * What the rate(12 hours) schedule does: the poller queues one message per tracked shop (and
     * sweeps due work); the queue's event source then hands the messages to the worker until the
     * queue is empty, as the SQS event source mapping would.
     */
    void poll(LocalAws aws, Instant now) {
        LambdaInvoker.invoke(poller, DeliveryPollEvent.at(now, json), LocalContext.of("DeliveryPollerFunction"));
        drainPollQueue(aws);
    }

    /**
     * What a wake-up schedule does: Scheduler sends its input to the wake-up queue, whose own event source hands
     * it to the worker, whatever the poll queue holds.
     */
    void wakeUp(LocalAws aws, String input) {
        aws.sqs.sendMessage(b -> b.queueUrl(aws.wakeUpQueueUrl).messageBody(input));
        drainWakeUpQueue(aws);
    }

    /**
     * The poll queue's event source: hands the messages (shop polls, requested backfills, wake-ups set before
     * they had their own queue) to the worker until the queue is empty.
     */
    void drainPollQueue(LocalAws aws) {
        drain(aws, aws.pollQueueUrl, LocalAws.POLL_QUEUE);
    }

    /** The wake-up queue's event source: the same worker, reading the orders' wake-ups only. */
    void drainWakeUpQueue(LocalAws aws) {
        drain(aws, aws.wakeUpQueueUrl, LocalAws.WAKE_UP_QUEUE);
    }

    private void drain(LocalAws aws, String queueUrl, String queueName) {
        for (int round = 0; round < 100; round++) {
            List<Message> messages = aws.sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                    .maxNumberOfMessages(10).visibilityTimeout(0)).messages();
            if (messages.isEmpty()) {
                return;
            }
            ObjectNode event = json.createObjectNode();
            ArrayNode records = event.putArray("Records");
            for (Message m : messages) {
                records.addObject().put("messageId", m.messageId()).put("receiptHandle", m.receiptHandle())
                        .put("body", m.body()).put("md5OfBody", m.md5OfBody()).put("eventSource", "aws:sqs")
                        .put("eventSourceARN", LocalAws.arn("sqs", queueName)).put("awsRegion", "us-east-1");
            }
            SQSBatchResponse response = pollWorker.handleRequest(LambdaEvents.read(event.toString(), SQSEvent.class),
                    LocalContext.of("ShopPollWorkerFunction"));
            Set<String> failed = response == null || response.getBatchItemFailures() == null ? Set.of()
                    : response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                            .collect(java.util.stream.Collectors.toSet());
            for (Message m : messages) {
                // A failed shop is dropped here rather than redelivered forever; in AWS it would go
                // back to the queue and, after its retries, to the dead-letter queue.
                aws.sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                if (failed.contains(m.messageId())) {
                    log.warn(queueName + " message failed: " + m.body());
                }
            }
        }
    }

    /** The function behind each template logical id that API Gateway routes to. */
    Map<String, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> httpFunctions() {
        Map<String, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> hosted = new java.util.HashMap<>(Map.of(
                "ShopifyWebhookFunction", e -> shopifyWebhook.handleRequest(e, LocalContext.of("ShopifyWebhookFunction")),
                "UnsubscribeFunction", e -> unsubscribe.handleRequest(e, LocalContext.of("UnsubscribeFunction")),
                "ShopApiFunction", e -> shopApi.handleRequest(e, LocalContext.of("ShopApiFunction")),
                "AfterShipWebhookFunction", e -> aftershipWebhook.handleRequest(e,
                        LocalContext.of("AfterShipWebhookFunction"))));
        if (shopifyApp != null) {
            hosted.put("ShopifyAppFunction", e -> shopifyApp.handleRequest(e, LocalContext.of("ShopifyAppFunction")));
            hosted.put("MerchantPageFunction", e -> merchantPage.handleRequest(e, LocalContext.of("MerchantPageFunction")));
        }
        return hosted;
    }

    /** The stream consumers by template logical id. */
    Map<String, Function<DynamodbEvent, StreamsEventResponse>> streamFunctions() {
        return Map.of(
                "OrderStreamFunction", e -> orderStream.handleRequest(e, LocalContext.of("OrderStreamFunction")),
                "EventPublisherFunction", e -> eventPublisher.handleRequest(e,
                        LocalContext.of("EventPublisherFunction")));
    }

    /** What a Scheduler firing invokes: the sender, with the schedule's JSON input. */
    void fireReviewSender(Map<String, Object> input) {
        reviewSender.handleRequest(input, LocalContext.of("ReviewSenderFunction"));
    }
}
