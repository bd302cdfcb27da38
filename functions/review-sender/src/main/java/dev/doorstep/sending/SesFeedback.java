package dev.doorstep.sending;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.lambda.Json;
import dev.doorstep.mail.MessageTags;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One SES notification about a review request, from either shape SES publishes to SNS: the
 * configuration set's event publishing ({@code eventType}: Send, Bounce, Complaint, Delivery...) or
 * identity notifications ({@code notificationType}). The order comes from the message tags the
 * mailer set. {@code recipients} are addresses: use them for digests only, never log them.
 *
 * @param order the review request's order, or null when the message carries no Doorstep tags
 * @param permanent for a bounce: a hard bounce (the only kind that suppresses)
 */
record SesFeedback(Kind kind, OrderKey order, String messageId, List<String> recipients, boolean permanent,
        Instant at) {

    enum Kind { SEND, BOUNCE, COMPLAINT, OTHER }

    SesFeedback {
        recipients = List.copyOf(recipients);
    }

    /** @throws IllegalArgumentException when the message is not an SES notification at all */
    static SesFeedback parse(String message) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(message == null ? "" : message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the SNS message is not JSON");
        }
        if (root == null || !root.isObject() || !root.has("mail")) {
            throw new IllegalArgumentException("the SNS message is not an SES notification (no 'mail')");
        }
        String type = root.path("eventType").asText(root.path("notificationType").asText(""));
        JsonNode mail = root.path("mail");
        OrderKey order = order(mail.path("tags"));
        Instant at = instant(mail.path("timestamp").asText(null));
        return switch (type) {
            case "Send" -> new SesFeedback(Kind.SEND, order, mail.path("messageId").asText(null), List.of(), false, at);
            case "Bounce" -> new SesFeedback(Kind.BOUNCE, order, mail.path("messageId").asText(null),
                    addresses(root.path("bounce").path("bouncedRecipients")),
                    "Permanent".equals(root.path("bounce").path("bounceType").asText()),
                    instant(root.path("bounce").path("timestamp").asText(null), at));
            case "Complaint" -> new SesFeedback(Kind.COMPLAINT, order, mail.path("messageId").asText(null),
                    addresses(root.path("complaint").path("complainedRecipients")), true,
                    instant(root.path("complaint").path("timestamp").asText(null), at));
            default -> new SesFeedback(Kind.OTHER, order, mail.path("messageId").asText(null), List.of(), false, at);
        };
    }

    String type() {
        return kind.name();
    }

    private static OrderKey order(JsonNode tags) {
        String shop = firstTag(tags, MessageTags.SHOP);
        String orderId = firstTag(tags, MessageTags.ORDER);
        if (shop == null || orderId == null) {
            return null;
        }
        try {
            return new OrderKey(MessageTags.decode(shop), MessageTags.decode(orderId));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String firstTag(JsonNode tags, String name) {
        JsonNode values = tags.path(name);
        if (values.isArray() && !values.isEmpty()) {
            return values.get(0).asText(null);
        }
        return values.isTextual() ? values.asText() : null;
    }

    /** Recipients may come as "Name <a@b>"; the bare address is what was digested. */
    private static List<String> addresses(JsonNode recipients) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : recipients) {
            String a = r.path("emailAddress").asText("");
            int open = a.lastIndexOf('<');
            int close = a.lastIndexOf('>');
            if (open >= 0 && close > open) {
                a = a.substring(open + 1, close);
            }
            if (!a.isBlank()) {
                out.add(a.strip());
            }
        }
        return out;
    }

    private static Instant instant(String text) {
        return instant(text, null);
    }

    private static Instant instant(String text, Instant otherwise) {
        if (text == null) {
            return otherwise;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }
}
