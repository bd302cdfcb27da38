package dev.doorstep.core.model;

/** A move the state machine does not allow, e.g. SENT -> SCHEDULED. */
public final class IllegalStatusChangeException extends IllegalStateException {

    private final OrderStatus from;
    private final OrderStatus to;

    public IllegalStatusChangeException(OrderKey key, OrderStatus from, OrderStatus to) {
        super("order " + key + " cannot move from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public OrderStatus from() {
        return from;
    }

    public OrderStatus to() {
        return to;
    }
}
