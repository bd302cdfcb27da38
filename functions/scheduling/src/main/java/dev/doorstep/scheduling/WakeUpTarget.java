package dev.doorstep.scheduling;

import dev.doorstep.lambda.AwsClients;
import java.util.Objects;

/**
 * Where order wake-ups live and what they reach.
 *
 * @param group the schedule group, shared with review requests (env {@code SCHEDULE_GROUP})
 * @param queueArn the order wake-up queue (env {@code WAKE_UP_QUEUE_ARN}), apart from the shop polls so that a
 *     wake-up never waits behind a poll cycle; its worker (ShopPollWorker) handles the order
 * @param roleArn the role Scheduler assumes to send to it (env {@code SCHEDULER_ROLE_ARN})
 * @param deadLetterQueueArn where Scheduler keeps what it could not deliver (env {@code SCHEDULE_DLQ_ARN})
 */
public record WakeUpTarget(String group, String queueArn, String roleArn, String deadLetterQueueArn) {

    public WakeUpTarget {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(queueArn, "queueArn");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(deadLetterQueueArn, "deadLetterQueueArn");
    }

    public static WakeUpTarget fromEnvironment() {
        return new WakeUpTarget(AwsClients.requiredEnv("SCHEDULE_GROUP"), AwsClients.requiredEnv("WAKE_UP_QUEUE_ARN"),
                AwsClients.requiredEnv("SCHEDULER_ROLE_ARN"), AwsClients.requiredEnv("SCHEDULE_DLQ_ARN"));
    }
}
