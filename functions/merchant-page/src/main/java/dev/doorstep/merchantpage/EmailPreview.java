package dev.doorstep.merchantpage;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.model.InvalidSettingException;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.sending.ReviewRequestComposer;
import dev.doorstep.core.sending.ReviewRequestEmail;
import dev.doorstep.lambda.Json;
import dev.doorstep.shopapi.EmailTemplateDraft;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code POST /admin/api/email-preview}: the email the sender would write for the shop's latest order (or a
 * sample one), with the template the merchant is typing in place of the saved one. The sender's own
 * {@link ReviewRequestComposer} writes it, so the preview cannot drift from what buyers get; its unsubscribe
 * link is an inert placeholder ({@link ReviewRequestComposer#preview}). Nothing is sent, saved or logged.
 */
public final class EmailPreview {

    static final int MAX_BODY_BYTES = 64 * 1024;

    private final EmailPreviewOrder orders;
    private final ReviewRequestComposer composer;

    public EmailPreview(EmailPreviewOrder orders, ReviewRequestComposer composer) {
        this.orders = orders;
        this.composer = composer;
    }

    /**
     * @param draft the template as typed: {@code {subject, body, reviewUrl}}, or JSON null for the default
     * @throws InvalidSettingException when the draft breaks a rule a settings save would refuse it for
     */
    ObjectNode of(Shop shop, JsonNode draft) {
        return of(shop, draft, orders.latestOrSample(shop.domain()));
    }

    /** The preview of {@code order}'s email; reads nothing (SnapStart priming runs it on the sample order). */
    ObjectNode of(Shop shop, JsonNode draft, Order order) {
        Shop drafted = shop.withSettings(EmailTemplateDraft.applied(shop.settings(), draft));
        ReviewRequestEmail email = composer.preview(drafted, order);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("orderNumber", order.orderNumber());
        out.put("sample", EmailPreviewOrder.isSample(order));
        out.put("subject", email.subject());
        out.put("text", email.text());
        out.put("html", email.html());
        return out;
    }

    /**
     * The request's JSON (the draft template itself).
     *
     * @throws InvalidSettingException naming {@code emailTemplate} when the body is missing, too large or not JSON
     */
    static JsonNode draft(APIGatewayV2HTTPEvent event) {
        String raw = event.getBody();
        if (raw == null || raw.isBlank()) {
            throw new InvalidSettingException("emailTemplate", "the body must be the draft template: "
                    + "{\"subject\": ..., \"body\": ..., \"reviewUrl\": ...} (or null for the default wording)");
        }
        byte[] bytes;
        try {
            bytes = event.getIsBase64Encoded() ? Base64.getDecoder().decode(raw) : raw.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("emailTemplate", "the body is not valid base64");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new InvalidSettingException("emailTemplate", "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidSettingException("emailTemplate", "the body is not valid JSON");
        }
    }
}
