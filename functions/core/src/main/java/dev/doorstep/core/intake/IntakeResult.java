package dev.doorstep.core.intake;

import java.util.List;

/**
 * What an intake step did, in words for the log and the webhook's answer.
 *
 * @param orderIds the orders concerned (ids only, never personal data)
 */
public record IntakeResult(Outcome outcome, String reason, List<String> orderIds) {

    public enum Outcome {
        /** The fact changed (or confirmed) what we hold. */
        APPLIED,
        /** Nothing to do: an unknown order, a partial refund, a replay of older news. */
        IGNORED,
        /** The same event again: what it asked for is in place (and was completed if a crash cut it short). */
        DUPLICATE
    }

    public IntakeResult {
        orderIds = orderIds == null ? List.of() : List.copyOf(orderIds);
    }

    public static IntakeResult applied(String reason, List<String> orderIds) {
        return new IntakeResult(Outcome.APPLIED, reason, orderIds);
    }

    public static IntakeResult applied(String reason, String orderId) {
        return applied(reason, List.of(orderId));
    }

    public static IntakeResult ignored(String reason, String orderId) {
        return new IntakeResult(Outcome.IGNORED, reason, orderId == null ? List.of() : List.of(orderId));
    }

    public static IntakeResult duplicate(String reason, String orderId) {
        return new IntakeResult(Outcome.DUPLICATE, reason, List.of(orderId));
    }

    public boolean applied() {
        return outcome == Outcome.APPLIED;
    }
}
