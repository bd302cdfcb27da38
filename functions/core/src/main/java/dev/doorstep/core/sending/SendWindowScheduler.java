package dev.doorstep.core.sending;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.SendWindow;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.port.ShopStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Moves every send time into the shop's send window (for example 09:00-20:00 shop time) before the
 * real scheduler sees it, so no caller has to remember the window. Never moves a time earlier, so the
 * sender's "not yet due" check still holds.
 */
public final class SendWindowScheduler implements ReviewRequestScheduler {

    private final ReviewRequestScheduler delegate;
    private final ShopStore shops;
    private final Clock clock;

    public SendWindowScheduler(ReviewRequestScheduler delegate, ShopStore shops, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.shops = Objects.requireNonNull(shops, "shops");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void schedule(OrderKey order, Instant sendAt, ZoneId shopZone) {
        SendWindow window = shops.find(order.shop()).map(s -> s.settings().sendWindow()).orElse(null);
        if (window == null) {
            delegate.schedule(order, sendAt, shopZone);
            return;
        }
        // A time already past means "now", and "now" must be in the window too.
        Instant now = clock.instant();
        delegate.schedule(order, window.moveIntoWindow(sendAt.isBefore(now) ? now : sendAt, shopZone), shopZone);
    }

    @Override
    public void cancel(OrderKey order) {
        delegate.cancel(order);
    }
}
