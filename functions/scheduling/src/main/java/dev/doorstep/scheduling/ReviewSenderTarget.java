package dev.doorstep.scheduling;

import dev.doorstep.lambda.AwsClients;
import java.util.Objects;

/**
 * Where the schedules live and what they invoke.
 *
 * @param group the dedicated schedule group (env {@code SCHEDULE_GROUP})
 * @param functionArn the ReviewSenderFunction (env {@code REVIEW_SENDER_ARN})
 * @param roleArn the role Scheduler assumes to invoke it (env {@code SCHEDULER_ROLE_ARN}); not any
 *     function's own execution role
 * @param deadLetterQueueArn the SQS queue that keeps invocations Scheduler gave up on
 *     (env {@code SCHEDULE_DLQ_ARN})
 */
public record ReviewSenderTarget(String group, String functionArn, String roleArn, String deadLetterQueueArn) {

    public ReviewSenderTarget {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(functionArn, "functionArn");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(deadLetterQueueArn, "deadLetterQueueArn");
    }

    public static ReviewSenderTarget fromEnvironment() {
        return new ReviewSenderTarget(AwsClients.requiredEnv("SCHEDULE_GROUP"),
                AwsClients.requiredEnv("REVIEW_SENDER_ARN"), AwsClients.requiredEnv("SCHEDULER_ROLE_ARN"),
                AwsClients.requiredEnv("SCHEDULE_DLQ_ARN"));
    }
}
