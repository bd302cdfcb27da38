package dev.doorstep.webhook.shopify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.doorstep.core.intake.IntakeResult;
import dev.doorstep.core.port.ReceiptLog;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.lambda.HttpApiFunction;
import dev.doorstep.lambda.HttpResponses;
import dev.doorstep.lambda.InitPrefetch;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.Metrics;
import dev.doorstep.lambda.SnapStartPriming;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.store.DynamoDbReceiptLog;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * POST /webhooks/shopify (API Gateway HTTP API, payload 2.0): verify, skip duplicates, hand the fact
 * to the core, answer. No AfterShip call here: tracking is created from the table's stream.
 */
public final class ShopifyWebhookFunction extends HttpApiFunction {

    static final String SOURCE = "shopify";
    /** Shopify retries for 4 hours and may deliver up to a day late; a week covers both. */
    static final Duration REMEMBER_RECEIPTS = Duration.ofDays(7);

    private static final JsonLog LOG = JsonLog.of(ShopifyWebhookFunction.class);
    private static final Metrics METRICS = Metrics.forFunction("ShopifyWebhookFunction");

    private final ShopifySecrets secrets;
    private final WebhookIntake intake;
    private final ReceiptLog receipts;
    private final Clock clock;

    /** The Lambda runtime's constructor: real clients, built once in the init phase. */
    public ShopifyWebhookFunction() {
        this(secretsFromEnvironment(), AwsClients.build(DynamoDbClient.builder()), AwsClients.requiredEnv("TABLE_NAME"),
                Clock.systemUTC());
        SnapStartPriming.register("ShopifyWebhookFunction", () -> WebhookPriming.prime(secrets, receipts, intake));
    }

    private ShopifyWebhookFunction(ShopifySecrets secrets, DynamoDbClient dynamo, String table, Clock clock) {
        this(secrets, WebhookIntake.onDynamoDb(dynamo, table, EventBridgeReviewScheduler.fromEnvironment(), clock,
                        RecentShops.DEFAULT_MAX_AGE, SqsPrivacyRequests.fromEnvironment()),
                new DynamoDbReceiptLog(dynamo, table, clock), clock);
    }

    /** Tests and the local runtime pass their own collaborators. */
    public ShopifyWebhookFunction(ShopifySecrets secrets, WebhookIntake intake, ReceiptLog receipts, Clock clock) {
        this.secrets = secrets;
        this.intake = intake;
        this.receipts = receipts;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        WebhookRequest request = null;
        try {
            request = WebhookRequest.verify(event, secrets);
            Optional<ShopifyTopic> topic = ShopifyTopic.of(request.topic());
            if (topic.isEmpty()) {
                log("topic not used by Doorstep: ignored", request, null);
                return HttpResponses.status(200, "ignored", "topic not used by Doorstep");
            }
            boolean receipted = topic.get().needsReceipt();
            if (receipted && receipts.alreadyReceived(SOURCE, request.webhookId())) {
                log("duplicate webhook skipped", request, null);
                return HttpResponses.status(200, "duplicate", "webhook already received");
            }
            IntakeResult result = intake.handle(topic.get(), request);
            if (receipted) {
                // Recorded only once the work is done: a crash before this line makes Shopify's retry redo it.
                receipts.firstReceipt(SOURCE, request.webhookId(), clock.instant().plus(REMEMBER_RECEIPTS));
            }
            METRICS.count("WebhooksAccepted", Map.of("Topic", topic.get().topicName()));
            log("webhook " + result.outcome().name().toLowerCase(Locale.ROOT), request, result);
            return HttpResponses.json(200, Map.of("status", answer(result.outcome()),
                    "reason", result.reason(), "orderIds", result.orderIds()));
        } catch (Rejected rejected) {
            METRICS.count("WebhooksRejected", Map.of("Reason", rejected.metricReason()));
            Map<String, Object> fields = fields(request, null);
            fields.put("status", rejected.status());
            fields.put("reason", rejected.getMessage());
            LOG.warn("webhook rejected", fields);
            return HttpResponses.status(rejected.status(), "rejected", rejected.getMessage());
        } catch (RuntimeException e) {
            METRICS.count("WebhooksFailed", Map.of());
            LOG.error("webhook failed; Shopify will retry", fields(request, null), e);
            return HttpResponses.status(500, "error", "temporary failure, retry later");
        }
    }

    private static String answer(IntakeResult.Outcome outcome) {
        return switch (outcome) {
            case APPLIED -> "accepted";
            case IGNORED -> "ignored";
            case DUPLICATE -> "duplicate";
        };
    }

    private static void log(String message, WebhookRequest request, IntakeResult result) {
        LOG.info(message, fields(request, result));
    }

    /** Ids, topic and reasons only: payload values may be personal data and are never logged. */
    private static Map<String, Object> fields(WebhookRequest request, IntakeResult result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (request != null) {
            fields.put("topic", request.topic());
            fields.put("shop", request.shop());
            fields.put("webhookId", request.webhookId());
            if (request.eventId() != null) {
                fields.put("eventId", request.eventId());
            }
        }
        if (result != null) {
            fields.put("outcome", result.outcome().name());
            fields.put("reason", result.reason());
            fields.put("orderIds", result.orderIds());
        }
        return fields;
    }

    /** SHOPIFY_SECRET_ID (Secrets Manager) in AWS; SHOPIFY_API_SECRET (and _PREVIOUS) for local runs. */
    private static ShopifySecrets secretsFromEnvironment() {
        String secretId = System.getenv("SHOPIFY_SECRET_ID");
        if (secretId != null && !secretId.isBlank()) {
            ShopifySecrets fromSecretsManager = new SecretsManagerShopifySecrets(
                    AwsClients.build(SecretsManagerClient.builder()), secretId, Clock.systemUTC());
            // Every request needs it first: read it beside the rest of the init.
            InitPrefetch.start("ShopifyWebhookFunction", "shopify-secret", fromSecretsManager::signingSecrets);
            return fromSecretsManager;
        }
        return ShopifySecrets.of(AwsClients.requiredEnv("SHOPIFY_API_SECRET"), System.getenv("SHOPIFY_API_SECRET_PREVIOUS"));
    }
}
