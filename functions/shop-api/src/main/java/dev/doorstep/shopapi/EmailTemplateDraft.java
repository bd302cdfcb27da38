package dev.doorstep.shopapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.model.FieldErrors;
import dev.doorstep.core.model.InvalidSettingException;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.lambda.Json;

/**
 * An email template the merchant is still typing (the page's preview), checked by the very rules a settings
 * save applies to {@code emailTemplate}, so a draft the preview accepts is one the save accepts. Nothing is
 * stored.
 */
public final class EmailTemplateDraft {

    private EmailTemplateDraft() {
    }

    /**
     * The stored settings with the draft as their template ({@code null} JSON: the default wording).
     *
     * @throws InvalidSettingException naming {@code emailTemplate} or {@code emailTemplate.<part>}
     */
    public static ShopSettings applied(ShopSettings stored, JsonNode draft) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("emailTemplate", draft == null ? body.nullNode() : draft);
        FieldErrors errors = new FieldErrors();
        ShopSettings applied = SettingsJson.apply(stored, body, errors).orElse(null);
        errors.throwIfAny();
        return applied;
    }
}
