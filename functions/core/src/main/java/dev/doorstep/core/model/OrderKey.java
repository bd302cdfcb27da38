package dev.doorstep.core.model;

import java.util.Objects;

/** Identifies one order of one shop; every store, schedule and event is keyed by it. */
public record OrderKey(String shop, String orderId) {

    public OrderKey {
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(orderId, "orderId");
        if (shop.isBlank() || orderId.isBlank()) {
            throw new IllegalArgumentException("shop and orderId must not be blank");
        }
    }

    @Override
    public String toString() {
        return shop + "/" + orderId;
    }
}
