package dev.doorstep.shopapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.model.FieldError;
import dev.doorstep.core.model.FieldErrors;
import dev.doorstep.core.model.InvalidSettingException;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.lambda.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsJsonTest {

    static final ShopSettings STORED = ShopSettings.defaults("acme-tea.myshopify.com");

    @Test
    void unreadableUnknownAndOutOfRangeFieldsAreAllNamedInTheBodysOrderThenTheRules() {
        FieldErrors errors = new FieldErrors();

        Optional<ShopSettings> applied = SettingsJson.apply(STORED, body("""
                {"minDelayInternationalDays": "two weeks", "colour": "red", "waitDaysAfterDelivery": -1,
                 "fallbackDays": 10, "sendWindow": "20:00-09:00", "requestsEnabled": false}"""), errors);

        assertThat(applied).isEmpty();
        assertThat(fields(errors)).containsExactly("minDelayInternationalDays", "colour", "sendWindow",
                "waitDaysAfterDelivery", "fallbackDays");
    }

    @Test
    void anUnreadableFieldKeepsItsStoredValueSoTheRulesBetweenFieldsStillSpeak() {
        FieldErrors errors = new FieldErrors();

        // fallbackDays 10 is below the stored international delay (14) that the unreadable value left in place.
        SettingsJson.apply(STORED, body("{\"minDelayInternationalDays\": 2.5, \"fallbackDays\": 10}"), errors);

        assertThat(thrown(errors).errors()).extracting(FieldError::reason)
                .containsExactly("must be a whole number of days", "must be at least the longest minimum delay"
                        + " (14 days), got 10");
    }

    @Test
    void aGoodBodyGivesTheSettingsAndNoError() {
        FieldErrors errors = new FieldErrors();

        Optional<ShopSettings> applied = SettingsJson.apply(STORED,
                body("{\"waitDaysAfterDelivery\": 4, \"timeZone\": \"Europe/Berlin\"}"), errors);

        assertThat(errors.isEmpty()).isTrue();
        assertThat(applied).get().extracting(ShopSettings::waitDaysAfterDelivery).isEqualTo(4);
    }

    @Test
    void aBlankOrNonTextSecretIsAnErrorAndNoSecret() {
        FieldErrors errors = new FieldErrors();

        assertThat(SettingsJson.secret(body("{\"aftershipApiKey\": \"  \"}"), SettingsJson.API_KEY, errors)).isNull();
        assertThat(SettingsJson.secret(body("{\"aftershipWebhookSecret\": 7}"), SettingsJson.WEBHOOK_SECRET, errors))
                .isNull();
        assertThat(SettingsJson.secret(body("{\"aftershipApiKey\": \" k-1 \"}"), SettingsJson.API_KEY, errors))
                .isEqualTo("k-1");

        assertThat(fields(errors)).containsExactly("aftershipApiKey", "aftershipWebhookSecret");
    }

    private static java.util.List<String> fields(FieldErrors errors) {
        return thrown(errors).errors().stream().map(FieldError::field).toList();
    }

    private static InvalidSettingException thrown(FieldErrors errors) {
        try {
            errors.throwIfAny();
            throw new AssertionError("no error gathered");
        } catch (InvalidSettingException e) {
            return e;
        }
    }

    private static ObjectNode body(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
