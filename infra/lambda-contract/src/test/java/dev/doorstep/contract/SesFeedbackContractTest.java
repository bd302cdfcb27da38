package dev.doorstep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.OrderStatus;
import java.time.Instant;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * SesFeedbackFunction: the SNS-delivered SES samples; the send and the soft bounce change nothing,
 * the permanent bounce and the complaint suppress the address and fail order 5551234's request.
 */
class SesFeedbackContractTest extends FunctionContract {

    @Override
    String logicalId() {
        return "SesFeedbackFunction";
    }

    @Test
    @Order(1)
    void theFeedbackSamplesSuppressTheBouncedAddress() {
        seeds.put(Seeds.scheduled("5551234", Instant.parse("2026-03-15T08:30:00Z")));
        int before = seeds.suppressions();
        invokeOk(Samples.text("review-sender/ses-send.json"));
        invokeOk(Samples.text("review-sender/ses-soft-bounce.json"));
        assertThat(seeds.suppressions()).as("a send and a soft bounce suppress nothing").isEqualTo(before);
        invokeOk(Samples.text("review-sender/ses-bounce.json"));
        invokeOk(Samples.text("review-sender/ses-complaint.json"));
        assertThat(seeds.suppressions()).as("the permanent bounce suppresses the address").isGreaterThan(before);
        assertThat(seeds.status("5551234")).isIn(OrderStatus.SCHEDULED, OrderStatus.FAILED);
    }
}
