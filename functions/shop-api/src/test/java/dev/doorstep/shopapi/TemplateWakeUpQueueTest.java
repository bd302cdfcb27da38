package dev.doorstep.shopapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Orders' wake-ups (docs/polling.md "Wake-ups") have a queue of their own in template.yaml, so that one never
 * waits behind a poll cycle's thousands of shop polls: the wake-up schedules' target is that queue, the
 * Scheduler role may send to it, the worker reads it through a mapping of its own that the polls' cap does not
 * limit, and its dead letters raise an alarm as every dead-letter queue's do.
 */
class TemplateWakeUpQueueTest {

    private final Map<String, Object> resources = map(CloudFormationYaml.template().get("Resources"));

    @Test
    void everyFunctionThatSetsWakeUpsNamesTheWakeUpQueue() {
        Map<String, Object> targets = new TreeMap<>();
        resources.forEach((id, resource) -> {
            Map<String, Object> variables = variables(id);
            if (variables != null && variables.containsKey("WAKE_UP_QUEUE_ARN")) {
                targets.put(id, variables.get("WAKE_UP_QUEUE_ARN"));
            }
            assertThat(variables == null ? Set.of() : variables.keySet()).as(id + ": the old name")
                    .doesNotContain("POLL_QUEUE_ARN");
        });

        assertThat(targets).containsOnlyKeys("OrderStreamFunction", "DeliveryPollerFunction", "ShopPollWorkerFunction");
        assertThat(targets.values()).allSatisfy(v -> assertThat(v).isEqualTo(Map.of("Fn::GetAtt", "OrderWakeUpQueue.Arn")));
    }

    @Test
    void theSchedulerRoleMaySendToTheWakeUpQueue() {
        List<Map<String, Object>> sends = new ArrayList<>();
        collect(properties("SchedulerExecutionRole"), sends);

        List<Object> resourcesSentTo = new ArrayList<>();
        sends.stream().filter(s -> "Allow".equals(s.get("Effect")) && "sqs:SendMessage".equals(s.get("Action")))
                .forEach(s -> resourcesSentTo.addAll(s.get("Resource") instanceof List<?> l ? l : List.of(s.get("Resource"))));

        assertThat(resourcesSentTo).contains(Map.of("Fn::GetAtt", "OrderWakeUpQueue.Arn"));
    }

    @Test
    void theWorkerReadsBothQueuesEachThroughItsOwnCappedMapping() {
        Map<String, Object> worker = properties("ShopPollWorkerFunction");
        Map<String, Map<String, Object>> byQueue = new TreeMap<>();
        map(worker.get("Events")).values().stream().map(TemplateWakeUpQueueTest::map)
                .filter(e -> "SQS".equals(e.get("Type"))).map(e -> map(e.get("Properties")))
                .forEach(p -> byQueue.put(String.valueOf(map(p.get("Queue")).get("Fn::GetAtt")), p));

        assertThat(byQueue).containsOnlyKeys("ShopPollQueue.Arn", "OrderWakeUpQueue.Arn");
        byQueue.values().forEach(p -> assertThat(p.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures")));
        int polls = maximumConcurrency(byQueue.get("ShopPollQueue.Arn"));
        int wakeUps = maximumConcurrency(byQueue.get("OrderWakeUpQueue.Arn"));
        assertThat(polls).as("polls capped").isBetween(2, 1000);
        assertThat(wakeUps).as("wake-ups capped").isBetween(2, 1000);
        // Reserved concurrency the polls could fill would leave a wake-up throttled: none, or room for both.
        Object reserved = worker.get("ReservedConcurrentExecutions");
        if (reserved != null) {
            assertThat(((Number) reserved).intValue()).isGreaterThanOrEqualTo(polls + wakeUps);
        }
        // No poll or backfill is ever sent to the wake-up queue.
        resources.keySet().forEach(id -> {
            Map<String, Object> variables = variables(id);
            if (variables != null) {
                variables.forEach((name, value) -> {
                    if (name.endsWith("_URL")) {
                        assertThat(value).as(id + " " + name).isNotEqualTo(Map.of("Ref", "OrderWakeUpQueue"));
                    }
                });
            }
        });
    }

    @Test
    void theWakeUpQueueIsEncryptedAndRedrivesToItsOwnDeadLetterQueue() {
        Map<String, Object> queue = properties("OrderWakeUpQueue");
        Map<String, Object> redrive = map(queue.get("RedrivePolicy"));
        int workerTimeout = ((Number) properties("ShopPollWorkerFunction").get("Timeout")).intValue();

        assertThat(queue.get("SqsManagedSseEnabled")).isEqualTo(true);
        assertThat(((Number) queue.get("VisibilityTimeout")).intValue()).as("six times the worker's timeout")
                .isGreaterThanOrEqualTo(6 * workerTimeout);
        assertThat(redrive.get("deadLetterTargetArn")).isEqualTo(Map.of("Fn::GetAtt", "OrderWakeUpDeadLetterQueue.Arn"));
        assertThat(properties("OrderWakeUpDeadLetterQueue").get("SqsManagedSseEnabled")).isEqualTo(true);
    }

    @Test
    void everyDeadLetterQueueHasADepthAlarm() {
        Set<String> deadLetterQueues = new TreeSet<>();
        resources.keySet().forEach(id -> {
            Map<String, Object> redrive = map(properties(id).get("RedrivePolicy"));
            if (redrive != null) {
                deadLetterQueues.add(String.valueOf(map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt"))
                        .replace(".Arn", ""));
            }
        });
        Set<String> watched = new TreeSet<>();
        resources.forEach((id, resource) -> {
            if ("AWS::CloudWatch::Alarm".equals(map(resource).get("Type"))
                    && "ApproximateNumberOfMessagesVisible".equals(properties(id).get("MetricName"))) {
                for (Object d : (List<?>) properties(id).get("Dimensions")) {
                    watched.add(String.valueOf(map(map(d).get("Value")).get("Fn::GetAtt")).replace(".QueueName", ""));
                }
                assertThat(properties(id).get("AlarmActions")).as(id).isEqualTo(List.of(Map.of("Ref", "AlarmTopic")));
            }
        });

        assertThat(deadLetterQueues).contains("OrderWakeUpDeadLetterQueue", "ShopPollDeadLetterQueue");
        assertThat(watched).containsAll(deadLetterQueues);
        String dashboard = String.valueOf(properties("Dashboard").get("DashboardBody"));
        deadLetterQueues.forEach(q -> assertThat(dashboard).as("the dashboard's dead letters").contains("${" + q + ".QueueName}"));
    }

    private static int maximumConcurrency(Map<String, Object> mapping) {
        Map<String, Object> scaling = map(mapping.get("ScalingConfig"));
        assertThat(scaling).as("ScalingConfig of " + mapping.get("Queue")).isNotNull();
        return ((Number) scaling.get("MaximumConcurrency")).intValue();
    }

    private Map<String, Object> variables(String id) {
        Map<String, Object> environment = map(properties(id).get("Environment"));
        return environment == null ? null : map(environment.get("Variables"));
    }

    private Map<String, Object> properties(String id) {
        Map<String, Object> properties = map(map(resources.get(id)).get("Properties"));
        return properties == null ? Map.of() : properties;
    }

    private static void collect(Object node, List<Map<String, Object>> statements) {
        if (node instanceof Map<?, ?> m) {
            if (m.containsKey("Effect") && m.containsKey("Action")) {
                statements.add(map(m));
                return;
            }
            m.values().forEach(v -> collect(v, statements));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collect(v, statements));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }
}
