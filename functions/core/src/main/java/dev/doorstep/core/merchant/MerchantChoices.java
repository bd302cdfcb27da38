package dev.doorstep.core.merchant;

import dev.doorstep.core.model.IllegalStatusChangeException;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.port.ShopStore;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What a merchant may decide for one order from the page: "send now" and "do not send".
 *
 * <p>Send now does not send by itself: it moves the order's one schedule to now, so the one sender
 * that every email goes through (claim, send, mark SENT) sends it. A second click, a retried request
 * or the old schedule firing all meet the same claim, so the order gets exactly one email.
 */
public final class MerchantChoices {

    public static final String SEND_NOW_REASON = "the merchant asked to send it now";
    public static final String DO_NOT_SEND_REASON = "the merchant chose not to send it";

    private final OrderStore orders;
    private final ShopStore shops;
    private final ReviewRequestScheduler scheduler;

    public MerchantChoices(OrderStore orders, ShopStore shops, ReviewRequestScheduler scheduler) {
        this.orders = orders;
        this.shops = shops;
        this.scheduler = scheduler;
    }

    /**
     * @return the order as stored, "Will send" at {@code now}; empty when the shop has no such order
     * @throws IllegalStatusChangeException when the request is already sent, skipped, cancelled, failed or sending
     */
    public Optional<Order> sendNow(OrderKey key, Instant now) {
        Optional<Order> found = orders.find(key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Order current = found.get();
        if (current.status() == OrderStatus.SENDING) {
            // Already claimed by the sender: it is going out now.
            throw new IllegalStatusChangeException(key, current.status(), OrderStatus.SCHEDULED);
        }
        Order next = current.toBuilder().sendAt(now).build().moveTo(OrderStatus.SCHEDULED, SEND_NOW_REASON, now);
        Order stored = orders.update(current, next);
        scheduler.schedule(key, now, zone(key.shop()));
        return Optional.of(stored);
    }

    /**
     * @return the order as stored, "Skipped" (or "Cancelled" while AfterShip still tracks it, which the
     *     state machine allows from every pending status); empty when the shop has no such order
     * @throws IllegalStatusChangeException when the request is no longer pending
     */
    public Optional<Order> doNotSend(OrderKey key, Instant now) {
        Optional<Order> found = orders.find(key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Order current = found.get();
        OrderStatus to = current.status().canMoveTo(OrderStatus.SKIPPED) ? OrderStatus.SKIPPED : OrderStatus.CANCELLED;
        Order stored = orders.update(current, current.moveTo(to, DO_NOT_SEND_REASON, now).toBuilder()
                .leaseUntil(null).build());
        // The order is written first: a schedule that fires meanwhile finds it no longer pending.
        scheduler.cancel(key);
        return Optional.of(stored);
    }

    private ZoneId zone(String shop) {
        return shops.find(shop).map(Shop::settings).map(s -> s.timeZone()).orElse(ZoneId.of("UTC"));
    }
}
