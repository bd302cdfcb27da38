package dev.doorstep.core.model;

/** A product the order contains, as named in the review-request email. */
public record LineItem(String productId, String title) {
}
