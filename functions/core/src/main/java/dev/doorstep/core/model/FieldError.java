package dev.doorstep.core.model;

import java.util.Objects;

/**
 * One setting refused and why, in the merchant's terms: {@code field} is the setting's name as the API
 * speaks it (e.g. {@code fallbackDays}, {@code emailTemplate.subject}), {@code reason} reads after it.
 */
public record FieldError(String field, String reason) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }
}
