package dev.doorstep.contract;

import dev.doorstep.emulator.AwsEmulator;
import dev.doorstep.store.DoorstepTable;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The resources template.yaml makes, made in the emulator with the names a stack called
 * {@value LocalStackValues#STACK} would give them, and the values its intrinsics resolve to. The
 * table comes from {@link DoorstepTable}, the definition the template is tested against.
 */
public final class ContractAws {

    /** The local-only Shopify app secret the samples in events/shopify-webhook are signed with. */
    public static final String SHOPIFY_SECRET = "doorstep-local-shopify-secret";
    public static final String SENDER = "reviews@doorstep.example";
    /** The audience of the events/shopify-app session tokens (the local app's client id). */
    public static final String SHOPIFY_CLIENT_ID = "doorstep-local-client-id";
    public static final String TABLE = "doorstep-Table";
    /** The role the events/shop-api samples are signed by, allowed the samples' shops (ShopApiCallers). */
    public static final String SHOP_API_CALLERS = "{\"arn:aws:iam::" + LocalStackValues.ACCOUNT
            + ":role/DoorstepShopAdmin\":[\"acme-tea.myshopify.com\",\"acme-outdoor.myshopify.com\"]}";
    static final String KMS_ALIAS = "alias/doorstep-aftership-keys";

    public final AwsEmulator emulator;
    public final DynamoDbClient dynamo;
    public final SqsClient sqs;
    public final SchedulerClient scheduler;
    public final LocalStackValues values = new LocalStackValues();
    /** Receives every event put on the Doorstep bus (the template's example rule). */
    public final String busEventsQueueUrl;
    public final String shopPollQueueUrl;
    /** Where the Shopify webhook queues privacy work for PrivacyWorkerFunction. */
    public final String privacyQueueUrl;
    /** The unsubscribe signing key the functions read from Secrets Manager. */
    public final String unsubscribeSecret;

    public ContractAws(AwsEmulator emulator, URI afterShipBaseUrl) {
        this.emulator = emulator;
        this.dynamo = emulator.client(DynamoDbClient.builder());
        this.sqs = emulator.client(SqsClient.builder());
        this.scheduler = emulator.client(SchedulerClient.builder());
        DoorstepTable.create(dynamo, TABLE);
        values.put("Table", TABLE);

        try (SecretsManagerClient secrets = emulator.client(SecretsManagerClient.builder())) {
            values.put("ShopifySecret", secrets.createSecret(b -> b.name("doorstep-ShopifySecret")
                    .secretString("{\"current\":\"" + SHOPIFY_SECRET + "\"}")).arn());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            unsubscribeSecret = HexFormat.of().formatHex(key);
            values.put("UnsubscribeSigningSecret", secrets.createSecret(b -> b.name("doorstep-UnsubscribeSigningSecret")
                    .secretString(unsubscribeSecret)).arn());
        }

        String group = LocalStackValues.STACK + "-review-requests";
        scheduler.createScheduleGroup(b -> b.name(group));
        values.put("ReviewRequestScheduleGroup", group);
        values.put("SchedulerExecutionRole.Arn", "arn:aws:iam::" + LocalStackValues.ACCOUNT
                + ":role/doorstep-SchedulerExecutionRole");
        values.put("ReviewSenderFunction.Alias", LocalStackValues.arn("lambda", "function:doorstep-ReviewSenderFunction:live"));

        try (KmsClient kms = emulator.client(KmsClient.builder())) {
            var key = kms.createKey(b -> b.description("doorstep AfterShip keys")).keyMetadata();
            values.put("AfterShipKeysKey.Arn", key.arn());
            kms.createAlias(b -> b.aliasName(KMS_ALIAS).targetKeyId(key.keyId()));
        }
        shopPollQueueUrl = queue("doorstep-ShopPollQueue");
        values.put("ShopPollQueue", shopPollQueueUrl);
        values.put("ShopPollQueue.Arn", queueArn(shopPollQueueUrl));
        values.put("OrderWakeUpQueue.Arn", queueArn(queue("doorstep-OrderWakeUpQueue")));
        privacyQueueUrl = queue("doorstep-PrivacyQueue");
        values.put("PrivacyQueue", privacyQueueUrl);
        values.put("ReviewSendDeadLetterQueue.Arn", queueArn(queue("doorstep-ReviewSendDeadLetterQueue")));

        try (SesV2Client ses = emulator.client(SesV2Client.builder())) {
            ses.createEmailIdentity(b -> b.emailIdentity(SENDER));
        }
        values.put("SenderAddress", SENDER);
        values.put("SenderIdentity", "doorstep.example");
        values.put("ReviewRequestConfigurationSet", LocalStackValues.STACK + "-review-requests");
        values.put("AfterShipApiBaseUrl", afterShipBaseUrl.toString());
        values.put("ShopApiCallers", SHOP_API_CALLERS);
        values.put("ShopifyClientId", SHOPIFY_CLIENT_ID);

        String bus = LocalStackValues.STACK + "-doorstep";
        busEventsQueueUrl = queue("doorstep-ExampleEventsQueue");
        try (EventBridgeClient events = emulator.client(EventBridgeClient.builder())) {
            events.createEventBus(b -> b.name(bus));
            events.putRule(b -> b.name("doorstep-ExampleEventsRule").eventBusName(bus)
                    .eventPattern("{\"source\":[\"doorstep\"]}"));
            events.putTargets(b -> b.rule("doorstep-ExampleEventsRule").eventBusName(bus)
                    .targets(t -> t.id("ExampleEventsQueue").arn(queueArn(busEventsQueueUrl))));
        }
        values.put("EventBus", bus);
    }

    /**
     * The values for a function running elsewhere (sam local invoke, in Docker) against this
     * deployment's emulator at {@code host}: names where the emulator's ARNs carry random parts (a
     * secret's name, the key's alias), which the services accept in their place.
     */
    public static LocalStackValues stableNames(String emulatorUrl, String afterShipUrl) {
        LocalStackValues v = new LocalStackValues();
        v.put("Table", TABLE).put("ShopifySecret", "doorstep-ShopifySecret")
                .put("UnsubscribeSigningSecret", "doorstep-UnsubscribeSigningSecret")
                .put("ReviewRequestScheduleGroup", LocalStackValues.STACK + "-review-requests")
                .put("SchedulerExecutionRole.Arn", "arn:aws:iam::" + LocalStackValues.ACCOUNT
                        + ":role/doorstep-SchedulerExecutionRole")
                .put("ReviewSenderFunction.Alias", LocalStackValues.arn("lambda", "function:doorstep-ReviewSenderFunction:live"))
                .put("AfterShipKeysKey.Arn", LocalStackValues.arn("kms", KMS_ALIAS))
                .put("ShopPollQueue", emulatorUrl + "/" + LocalStackValues.ACCOUNT + "/doorstep-ShopPollQueue")
                .put("ShopPollQueue.Arn", LocalStackValues.arn("sqs", "doorstep-ShopPollQueue"))
                .put("OrderWakeUpQueue.Arn", LocalStackValues.arn("sqs", "doorstep-OrderWakeUpQueue"))
                .put("PrivacyQueue", emulatorUrl + "/" + LocalStackValues.ACCOUNT + "/doorstep-PrivacyQueue")
                .put("ReviewSendDeadLetterQueue.Arn", LocalStackValues.arn("sqs", "doorstep-ReviewSendDeadLetterQueue"))
                .put("SenderAddress", SENDER).put("SenderIdentity", "doorstep.example")
                .put("ReviewRequestConfigurationSet", LocalStackValues.STACK + "-review-requests")
                .put("AfterShipApiBaseUrl", afterShipUrl).put("ShopApiCallers", SHOP_API_CALLERS).put("ShopifyClientId", SHOPIFY_CLIENT_ID).put("EventBus", LocalStackValues.STACK + "-doorstep");
        return v;
    }

    private String queue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    private String queueArn(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}
