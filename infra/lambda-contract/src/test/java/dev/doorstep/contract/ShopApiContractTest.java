package dev.doorstep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** ShopApiFunction: the events/shop-api samples save acme-tea's settings, read them back and list its orders. */
class ShopApiContractTest extends FunctionContract {

    @Override
    String logicalId() {
        return "ShopApiFunction";
    }

    @Test
    @Order(1)
    void theSamplesSaveReadAndList() {
        JsonNode saved = Samples.json(httpOk(Samples.text("shop-api/put-settings.json"), 200).path("body").asText());
        assertThat(saved.path("aftershipApiKeySaved").asBoolean()).as(saved.toString()).isTrue();

        JsonNode settings = Samples.json(httpOk(Samples.text("shop-api/get-settings.json"), 200).path("body").asText());
        assertThat(settings.path("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(settings.path("sendWindow").asText()).isEqualTo("09:00-20:00");

        seeds.put(Seeds.waitingForDelivery("7001", "1Z7001", "t-7001"));
        JsonNode list = Samples.json(httpOk(Samples.text("shop-api/list-review-requests.json"), 200).path("body").asText());
        assertThat(list.path("reviewRequests").findValuesAsText("orderId")).contains("7001");
    }
}
