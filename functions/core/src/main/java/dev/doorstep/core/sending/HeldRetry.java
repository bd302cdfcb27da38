package dev.doorstep.core.sending;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.model.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * When a send held by the mail set-up ({@link MailSetupFailure}) is tried again: {@link #FIRST} after the
 * first hold, doubling with each hold in a row, at most {@link #CAP}; plus a spread of up to a quarter of
 * that wait, fixed per order, so a whole shop's queue held at once does not come back in the same second
 * every time; and inside the shop's send window. The 12-hourly sweep stays the safety net.
 */
public final class HeldRetry {

    public static final Duration FIRST = Duration.ofMinutes(15);
    public static final Duration CAP = Duration.ofHours(2);
    /** The spread is at most the wait divided by this. */
    static final int SPREAD_DIVISOR = 4;

    private HeldRetry() {
    }

    /**
     * The hold that {@code claimed} (an order just claimed for sending) would be: 1 for its first, n for the
     * n-th in a row, counted from its history (the claims in between do not break the run; anything else does).
     */
    public static int holdNumber(Order claimed) {
        List<StatusChange> history = claimed.history();
        int holds = 0;
        for (int i = history.size() - 1; i >= 0; i--) {
            StatusChange move = history.get(i);
            if (move.to() == OrderStatus.SENDING) {
                continue;
            }
            if (isHold(move)) {
                holds++;
                continue;
            }
            break;
        }
        return holds + 1;
    }

    static boolean isHold(StatusChange move) {
        return move.from() == OrderStatus.SENDING && move.to() == OrderStatus.SCHEDULED && move.reason() != null
                && move.reason().startsWith(ReviewRequestSending.HELD_PREFIX);
    }

    /** How long the {@code hold}-th hold in a row waits before the spread: 15 min, 30, 60, then 2 h. */
    public static Duration backoff(int hold) {
        if (hold < 1) {
            throw new IllegalArgumentException("holds count from 1: " + hold);
        }
        int doublings = Math.min(hold - 1, 8);
        Duration wait = FIRST.multipliedBy(1L << doublings);
        return wait.compareTo(CAP) > 0 ? CAP : wait;
    }

    /** This order's share of the spread for a wait: the same order always gets the same share. */
    static Duration spread(OrderKey order, Duration wait) {
        long room = wait.toSeconds() / SPREAD_DIVISOR;
        if (room <= 0) {
            return Duration.ZERO;
        }
        // String.hashCode is specified, so the share is the same in every JVM (and in tests); the mix
        // (SplitMix64's finaliser) keeps neighbouring order ids from taking neighbouring seconds.
        long h = (order.shop() + "/" + order.orderId()).hashCode();
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h = h ^ (h >>> 31);
        return Duration.ofSeconds(Math.floorMod(h, room));
    }

    /** The time of the next try after the {@code hold}-th hold in a row at {@code now}, in whole seconds. */
    public static Instant at(OrderKey order, int hold, Instant now, ShopSettings settings) {
        Duration wait = backoff(hold);
        Duration spread = spread(order, wait);
        Instant wanted = now.truncatedTo(ChronoUnit.SECONDS).plus(wait).plus(spread);
        if (settings.sendWindow() == null) {
            return wanted;
        }
        Instant inWindow = settings.sendWindow().moveIntoWindow(wanted, settings.timeZone());
        // Moved to the window's opening: spread there too, or every held order would meet at the opening.
        return inWindow.equals(wanted) ? inWindow
                : settings.sendWindow().moveIntoWindow(inWindow.plus(spread), settings.timeZone());
    }
}
