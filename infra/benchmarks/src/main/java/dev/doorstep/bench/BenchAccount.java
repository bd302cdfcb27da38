package dev.doorstep.bench;

import dev.doorstep.aftership.ApiKey;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.aftership.StoredApiKeys;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.emulator.AwsEmulator;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbAfterShipCredentialStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The AWS account the functions see, on the emulator: what template.yaml would have made (secrets, the
 * KMS key, the poll queue, the schedule group, the SES identity), and a fresh table for each run with
 * the sample events' two shops installed, each with an encrypted AfterShip key.
 */
final class BenchAccount {

    static final String SHOPIFY_SECRET = "doorstep-local-shopify-secret";
    static final String AFTERSHIP_WEBHOOK_SECRET = "doorstep-sample-webhook-secret";
    static final String[] SAMPLE_SHOPS = {"acme-outdoor.myshopify.com", "acme-tea.myshopify.com"};
    static final String SENDER = "reviews@bench.example";

    private final AwsEmulator emulator;
    private final URI aftership;
    final DynamoDbClient dynamo;
    private final KmsClient kms;
    private final String kmsKeyId;
    private final String shopifySecretArn;
    private final String unsubscribeSecretArn;
    private final String pollQueueUrl;
    private final String wakeUpQueueArn;
    private final String privacyQueueUrl;
    private final String scheduleGroup = "bench-review-requests";

    BenchAccount(AwsEmulator emulator, URI aftership) {
        this.emulator = emulator;
        this.aftership = aftership;
        dynamo = emulator.client(DynamoDbClient.builder());
        kms = emulator.client(KmsClient.builder());
        kmsKeyId = kms.createKey(b -> b.description("bench AfterShip keys")).keyMetadata().arn();
        try (SecretsManagerClient secrets = emulator.client(SecretsManagerClient.builder());
             SqsClient sqs = emulator.client(SqsClient.builder());
             SchedulerClient scheduler = emulator.client(SchedulerClient.builder());
             SesV2Client ses = emulator.client(SesV2Client.builder())) {
            shopifySecretArn = secrets.createSecret(b -> b.name("bench-shopify-" + UUID.randomUUID())
                    .secretString("{\"current\":\"" + SHOPIFY_SECRET + "\"}")).arn();
            unsubscribeSecretArn = secrets.createSecret(b -> b.name("bench-unsubscribe-" + UUID.randomUUID())
                    .secretString("bench-unsubscribe-signing-key-0123456789")).arn();
            pollQueueUrl = sqs.createQueue(b -> b.queueName("bench-shop-poll")).queueUrl();
            // Order wake-up schedules target their own queue by its ARN (the tracking creator's, the poller's).
            String wakeUpQueueUrl = sqs.createQueue(b -> b.queueName("bench-order-wake-ups")).queueUrl();
            wakeUpQueueArn = sqs.getQueueAttributes(b -> b.queueUrl(wakeUpQueueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            privacyQueueUrl = sqs.createQueue(b -> b.queueName("bench-privacy")).queueUrl();
            scheduler.createScheduleGroup(b -> b.name(scheduleGroup));
            ses.createEmailIdentity(b -> b.emailIdentity(SENDER));
        }
    }

    /** A new table holding the sample shops, for one run; the runs never see each other's writes. */
    String freshTable() {
        String table = "bench-" + UUID.randomUUID();
        DoorstepTable.create(dynamo, table);
        DynamoDbShopStore shops = new DynamoDbShopStore(dynamo, table);
        StoredApiKeys keys = new StoredApiKeys(new DynamoDbAfterShipCredentialStore(dynamo, table),
                new KmsApiKeyCipher(kms, kmsKeyId), Clock.systemUTC());
        for (String shop : SAMPLE_SHOPS) {
            shops.save(Shop.installed(ShopSettings.defaults(shop).toBuilder().aftershipEnabled(true)
                    .shopCountry("US").build()));
            keys.save(shop, new ApiKey("bench-key-" + shop), AFTERSHIP_WEBHOOK_SECRET);
        }
        return table;
    }

    /**
     * Variables template.yaml sets that no benchmarked function needs (each has a default or belongs to a function
     * the benchmarks do not run); every other variable of env-vars.json must be in {@link #environment}
     * (BenchEnvironmentTest), so a new one cannot make a benchmark fail in its constructor again.
     */
    static final java.util.Set<String> NOT_NEEDED = java.util.Set.of("AFTERSHIP_API_VERSION",
            "CONFIGURATION_SET", "EVENT_BUS_NAME", "SHOPIFY_API_KEY", "SHOPIFY_API_VERSION", "UNSUBSCRIBE_MAILTO");

    /** The function environment template.yaml sets, pointed at the emulator and the AfterShip sandbox. */
    Map<String, String> environment(String table) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL", emulator.endpoint().toString());
        env.put("AWS_REGION", emulator.region().id());
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("TABLE_NAME", table);
        env.put("SHOPIFY_SECRET_ID", shopifySecretArn);
        env.put("SCHEDULE_GROUP", scheduleGroup);
        env.put("SCHEDULER_ROLE_ARN", "arn:aws:iam::" + AwsEmulator.ACCOUNT_ID + ":role/bench-scheduler");
        env.put("REVIEW_SENDER_ARN", "arn:aws:lambda:us-east-1:" + AwsEmulator.ACCOUNT_ID
                + ":function:ReviewSenderFunction:live");
        env.put("SCHEDULE_DLQ_ARN", "arn:aws:sqs:us-east-1:" + AwsEmulator.ACCOUNT_ID + ":bench-send-dlq");
        env.put("AFTERSHIP_API_BASE_URL", aftership.toString());
        env.put("AFTERSHIP_KEYS_KMS_KEY_ID", kmsKeyId);
        env.put("POLL_QUEUE_URL", pollQueueUrl);
        env.put("WAKE_UP_QUEUE_ARN", wakeUpQueueArn);
        env.put("PRIVACY_QUEUE_URL", privacyQueueUrl);
        env.put("SENDER_ADDRESS", SENDER);
        env.put("UNSUBSCRIBE_URL", "https://bench.example/unsubscribe");
        env.put("UNSUBSCRIBE_SECRET_ARN", unsubscribeSecretArn);
        // The events/shop-api samples' caller, allowed their shop as ShopApiCallers would in AWS.
        env.put("SHOP_API_CALLERS", "{\"arn:aws:iam::" + AwsEmulator.ACCOUNT_ID
                + ":role/DoorstepShopAdmin\": [\"acme-tea.myshopify.com\"]}");
        return env;
    }
}
