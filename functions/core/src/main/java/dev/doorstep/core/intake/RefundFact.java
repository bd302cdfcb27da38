package dev.doorstep.core.intake;

import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** A {@code refunds/create}: which products were refunded, and whether each line was refunded whole. */
public record RefundFact(OrderKey key, List<RefundedLine> lines) {

    /**
     * @param productId the refunded line's product, or null for a custom item
     * @param refundedQuantity how many units this refund returns
     * @param orderedQuantity how many units the line had
     */
    public record RefundedLine(String productId, int refundedQuantity, int orderedQuantity) {
        boolean isWhole() {
            return refundedQuantity >= orderedQuantity && orderedQuantity > 0;
        }
    }

    public RefundFact {
        Objects.requireNonNull(key, "key");
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /**
     * A full refund cancels the review request: every refunded line is refunded whole and together they
     * cover every product the order holds. A money-only or partial refund keeps the request (the buyer
     * still has something to review).
     */
    public boolean refundsWholeOrder(Order order) {
        if (lines.isEmpty() || !lines.stream().allMatch(RefundedLine::isWhole)) {
            return false;
        }
        Set<String> refunded = lines.stream().map(RefundedLine::productId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return order.lineItems().stream().map(LineItem::productId).filter(Objects::nonNull)
                .allMatch(refunded::contains);
    }
}
