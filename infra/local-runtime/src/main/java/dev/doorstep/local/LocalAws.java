package dev.doorstep.local;

import dev.doorstep.emulator.AwsEmulator;
import dev.doorstep.emulator.AwsEmulators;
import dev.doorstep.store.DoorstepTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The AWS side of the local runtime: the emulator (whatever {@code AWS_ENDPOINT_URL} names, else
 * moto), its clients, and the resources template.yaml would create, made from the same definitions
 * (the table from {@link DoorstepTable}).
 */
final class LocalAws {

    static final String TABLE = "doorstep";
    static final String SCHEDULE_GROUP = "doorstep-review-requests";
    static final String SENDER = "reviews@doorstep.local";
    static final String EVENT_BUS = "doorstep-events";
    /** The shop polls and requested backfills (ShopPollQueue in AWS). */
    static final String POLL_QUEUE = "doorstep-shop-polls";
    /** The orders' wake-ups (OrderWakeUpQueue in AWS). */
    static final String WAKE_UP_QUEUE = "doorstep-order-wake-ups";
    static final String ACCOUNT = AwsEmulator.ACCOUNT_ID;

    final AwsEmulator emulator;
    final DynamoDbClient dynamo;
    final DynamoDbStreamsClient streams;
    final SchedulerClient scheduler;
    final SesV2Client ses;
    final KmsClient kms;
    final SqsClient sqs;
    final EventBridgeClient events;
    final String streamArn;
    final String kmsKeyId;
    final String pollQueueUrl;
    /** The order wake-up queue, apart from the shop polls as OrderWakeUpQueue is in AWS. */
    final String wakeUpQueueUrl;
    final String eventsQueueUrl;

    private LocalAws(AwsEmulator emulator) {
        this.emulator = emulator;
        emulator.reset(); // a fresh start when the emulator is ours (moto); a no-op for an external one
        this.dynamo = emulator.client(DynamoDbClient.builder());
        this.streams = emulator.client(DynamoDbStreamsClient.builder());
        this.scheduler = emulator.client(SchedulerClient.builder());
        this.ses = emulator.client(SesV2Client.builder());
        this.kms = emulator.client(KmsClient.builder());
        this.sqs = emulator.client(SqsClient.builder());
        this.events = emulator.client(EventBridgeClient.builder());
        this.streamArn = table();
        try {
            scheduler.createScheduleGroup(b -> b.name(SCHEDULE_GROUP));
        } catch (ConflictException exists) {
            // a previous run against the same external emulator
        }
        try {
            ses.createEmailIdentity(b -> b.emailIdentity(SENDER));
        } catch (AlreadyExistsException exists) {
            // a previous run against the same external emulator
        }
        this.kmsKeyId = kms.createKey(b -> b.description("doorstep local AfterShip keys")).keyMetadata().keyId();
        this.pollQueueUrl = sqs.createQueue(b -> b.queueName(POLL_QUEUE)).queueUrl();
        this.wakeUpQueueUrl = sqs.createQueue(b -> b.queueName(WAKE_UP_QUEUE)).queueUrl();
        try {
            events.createEventBus(b -> b.name(EVENT_BUS));
        } catch (software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException exists) {
            // a previous run against the same external emulator
        }
        // Like the template's example rule: every Doorstep event to a queue, read by GET /_local/events.
        this.eventsQueueUrl = sqs.createQueue(b -> b.queueName("doorstep-local-events")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(eventsQueueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(b -> b.name("doorstep-local-events").eventBusName(EVENT_BUS)
                .eventPattern("{\"source\":[\"doorstep\"]}"));
        events.putTargets(b -> b.rule("doorstep-local-events").eventBusName(EVENT_BUS)
                .targets(t -> t.id("local-events").arn(queueArn)));
    }

    static LocalAws start() {
        return new LocalAws(AwsEmulators.shared());
    }

    private String table() {
        try {
            return DoorstepTable.create(dynamo, TABLE);
        } catch (ResourceInUseException exists) {
            return dynamo.describeTable(b -> b.tableName(TABLE)).table().latestStreamArn();
        }
    }

    static String arn(String service, String resource) {
        return "arn:aws:" + service + ":us-east-1:" + ACCOUNT + ":" + resource;
    }
}
