package dev.doorstep.sending;

import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.sending.Pause;
import dev.doorstep.core.sending.ReviewRequestComposer;
import dev.doorstep.core.sending.ReviewRequestSending;
import dev.doorstep.core.sending.SuppressionList;
import dev.doorstep.core.sending.UnsubscribeTokens;
import dev.doorstep.lambda.AwsClients;
import dev.doorstep.mail.SesMailer;
import dev.doorstep.scheduling.EventBridgeReviewScheduler;
import dev.doorstep.store.DynamoDbOrderStore;
import dev.doorstep.store.DynamoDbShopStore;
import java.net.URI;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real collaborators of this module's functions, built from the environment in the init phase
 * (template.yaml sets {@code TABLE_NAME}, {@code SENDER_ADDRESS}, {@code CONFIGURATION_SET},
 * {@code UNSUBSCRIBE_URL}, {@code UNSUBSCRIBE_MAILTO}, {@code UNSUBSCRIBE_SECRET_ARN}; the sender also
 * {@code SCHEDULE_GROUP}, {@code REVIEW_SENDER_ARN}, {@code SCHEDULER_ROLE_ARN}, {@code SCHEDULE_DLQ_ARN} for
 * the retries of held sends).
 */
final class SendingWiring {

    private static final DynamoDbClient DYNAMO = AwsClients.build(DynamoDbClient.builder());

    private SendingWiring() {
    }

    static String table() {
        return AwsClients.requiredEnv("TABLE_NAME");
    }

    static OrderStore orders() {
        return new DynamoDbOrderStore(DYNAMO, table());
    }

    static ShopStore shops() {
        return new DynamoDbShopStore(DYNAMO, table());
    }

    static SuppressionList suppressions() {
        return new DynamoDbSuppressionList(DYNAMO, table());
    }

    static UnsubscribeTokens tokens() {
        return new UnsubscribeTokens(UnsubscribeSecret.fromEnvironment());
    }

    static ReviewRequestComposer composer() {
        return new ReviewRequestComposer(tokens(), URI.create(AwsClients.requiredEnv("UNSUBSCRIBE_URL")),
                System.getenv("UNSUBSCRIBE_MAILTO"), ProductPagesWiring.fromEnvironment(DYNAMO, table()));
    }

    static ReviewRequestSending sending(ReviewRequestComposer composer) {
        return new ReviewRequestSending(orders(), shops(), suppressions(), SesMailer.fromEnvironment(), composer,
                ReviewRequestSending.DEFAULT_LEASE, Pause.SLEEP,
                EventBridgeReviewScheduler.fromEnvironment());
    }
}
