package dev.doorstep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.sending.UnsubscribeToken;
import dev.doorstep.core.sending.UnsubscribeTokens;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * UnsubscribeFunction: the samples carry a real token, signed with the deployment's unsubscribe
 * secret from Secrets Manager, as in a sent email; the page answers and the one-click POST suppresses.
 */
class UnsubscribeContractTest extends FunctionContract {

    @Override
    String logicalId() {
        return "UnsubscribeFunction";
    }

    String withToken(String sample) {
        UnsubscribeTokens tokens = new UnsubscribeTokens(deployment.aws.unsubscribeSecret.getBytes(StandardCharsets.UTF_8));
        String token = tokens.issue(new UnsubscribeToken(new OrderKey(Seeds.SHOP, "6001"),
                tokens.digester().of("lee@example.com")));
        return Samples.text("review-sender/" + sample).replace("{{token}}", token);
    }

    @Test
    @Order(1)
    void thePageAnswersAndTheOneClickPostSuppresses() {
        int before = seeds.suppressions();
        httpOk(withToken("unsubscribe-get.json"), 200);
        httpOk(withToken("unsubscribe-one-click.json"), 200);
        assertThat(seeds.suppressions()).isEqualTo(before + 1);
    }

    @Test
    @Order(2)
    void aTokenSignedWithAnotherKeyIsRefused() {
        UnsubscribeTokens other = new UnsubscribeTokens("not the deployment's key at all, long enough"
                .getBytes(StandardCharsets.UTF_8));
        String forged = other.issue(new UnsubscribeToken(new OrderKey(Seeds.SHOP, "6001"),
                other.digester().of("lee@example.com")));
        Invocation page = invokeOk(Samples.text("review-sender/unsubscribe-get.json").replace("{{token}}", forged));
        assertThat(Samples.json(page.response()).path("statusCode").asInt()).isBetween(400, 499);
    }
}
