package dev.doorstep.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.lambda.Metrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * template.yaml wires SES feedback and the mail set-up alarm as the code expects. (Short tags such as
 * !Ref are read as their plain values.)
 */
class TemplateSendingTest {

    private final JsonNode resources = read().path("Resources");

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(ProjectRoot.find().resolve("template.yaml").toFile());
        } catch (IOException e) {
            throw new AssertionError("template.yaml does not parse", e);
        }
    }

    @Test
    void theConfigurationSetSendsSendEventsToTheFeedbackFunction() {
        // The send event marks SENT an order whose sender died after SES accepted it; without it the
        // sweep would send the email again (docs/sending.md §3).
        JsonNode destination = resources.at("/ReviewRequestFeedbackDestination/Properties");
        List<String> types = new ArrayList<>();
        destination.at("/EventDestination/MatchingEventTypes").forEach(t -> types.add(t.asText()));

        assertThat(types).contains("send", "bounce", "complaint");
        assertThat(destination.at("/EventDestination/Enabled").asBoolean()).isTrue();
        assertThat(destination.at("/ConfigurationSetName").asText()).isEqualTo("ReviewRequestConfigurationSet");
        assertThat(destination.at("/EventDestination/SnsDestination/TopicARN").asText()).isEqualTo("SesFeedbackTopic");
        assertThat(resources.at("/SesFeedbackFunction/Properties/Events/SesFeedback/Properties/Topic").asText())
                .isEqualTo("SesFeedbackTopic");
        assertThat(resources.at("/ReviewSenderFunction/Properties/Environment/Variables/CONFIGURATION_SET").asText())
                .isEqualTo("ReviewRequestConfigurationSet");
    }

    @Test
    void theSenderMayArmTheRetryOfAHeldSend() {
        // ReviewRequestSending arms a held send's retry through EventBridgeReviewScheduler.fromEnvironment().
        JsonNode function = resources.at("/ReviewSenderFunction/Properties");

        for (String env : List.of("SCHEDULE_GROUP", "SCHEDULER_ROLE_ARN", "REVIEW_SENDER_ARN", "SCHEDULE_DLQ_ARN")) {
            assertThat(function.at("/Environment/Variables/" + env).isMissingNode()).as(env).isFalse();
        }
        // The YAML alias reads as its name here; the anchored statement is where it is written out.
        assertThat(function.path("Policies").toString()).contains("{\"Statement\":\"scheduleReviewRequests\"}");
        assertThat(resources.at("/ShopifyWebhookFunction/Properties/Policies").toString()).contains(
                "\"Sid\":\"ScheduleReviewRequests\"", "scheduler:CreateSchedule", "scheduler:UpdateSchedule",
                "scheduler:GetSchedule", "iam:PassRole", "scheduler.amazonaws.com");
    }

    @Test
    void theFeedbackFunctionMayReadTheSecretThatKeysCustomerDigests() {
        // SesFeedbackFunction records bounces under the keyed digest (SendingWiring.tokens().digester()).
        JsonNode function = resources.at("/SesFeedbackFunction/Properties");

        assertThat(function.at("/Environment/Variables/UNSUBSCRIBE_SECRET_ARN").asText())
                .isEqualTo("UnsubscribeSigningSecret");
        assertThat(function.path("Policies").toString())
                .contains("\"AWSSecretsManagerGetSecretValuePolicy\":{\"SecretArn\":\"UnsubscribeSigningSecret\"}");
    }

    @Test
    void theMailSetupAlarmWatchesTheMetricTheSenderCounts() {
        JsonNode alarm = resources.at("/MailSetupAlarm/Properties");

        assertThat(resources.at("/MailSetupAlarm/Type").asText()).isEqualTo("AWS::CloudWatch::Alarm");
        assertThat(alarm.path("Namespace").asText()).isEqualTo(Metrics.NAMESPACE);
        assertThat(alarm.path("MetricName").asText()).isEqualTo(ReviewSenderFunction.MAIL_SETUP_ERRORS);
        assertThat(alarm.at("/Dimensions/0/Name").asText()).isEqualTo("Function");
        assertThat(alarm.at("/Dimensions/0/Value").asText()).isEqualTo("ReviewSender");
        assertThat(alarm.path("Dimensions")).hasSize(1);
        assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
        assertThat(alarm.path("Threshold").asInt()).isZero();
        assertThat(alarm.path("AlarmActions").toString()).contains("AlarmTopic");
    }
}
