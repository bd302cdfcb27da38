package dev.doorstep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.core.model.OrderStatus;
import java.time.Instant;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** ReviewSenderFunction: the schedule's input sends order 5551234's review request through SES. */
class ReviewSenderContractTest extends FunctionContract {

    @Override
    String logicalId() {
        return "ReviewSenderFunction";
    }

    @Test
    @Order(1)
    void theScheduledSendSendsTheEmail() {
        seeds.shop();
        // An address no other sample has bounced (SesFeedbackContractTest bounces ana@example.com).
        seeds.put(Seeds.scheduled("5551234", Instant.parse("2026-03-15T08:30:00Z"), "sam@example.com"));
        JsonNode outcome = Samples.json(invokeOk(Samples.text("review-sender/scheduled-send.json")).response());
        assertThat(outcome.path("status").asText()).as(outcome.toString()).isEqualTo("SENT");
        assertThat(seeds.status("5551234")).isEqualTo(OrderStatus.SENT);
        assertThat(deployment.emulator.sentEmails().to("sam@example.com")).hasSize(1);
    }
}
