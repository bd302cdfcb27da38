package dev.doorstep.core.model;

/**
 * A shop's own review-request wording. Placeholders such as {@code {customer_name}},
 * {@code {shop_name}}, {@code {products}} and {@code {review_url}} are filled in at send time.
 * A null field means the default wording for that part.
 */
public record EmailTemplate(String subject, String body, String reviewUrl) {
}
