package dev.doorstep.core.sending;

import dev.doorstep.core.model.OrderKey;
import java.util.Objects;

/**
 * What an unsubscribe link proves once its signature checks out: which customer (by digest) of
 * which shop asked, from the review request of which order.
 */
public record UnsubscribeToken(OrderKey order, EmailDigest email) {

    public UnsubscribeToken {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(email, "email");
    }

    public String shop() {
        return order.shop();
    }
}
