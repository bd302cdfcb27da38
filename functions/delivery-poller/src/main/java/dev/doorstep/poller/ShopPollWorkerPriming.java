package dev.doorstep.poller;

import dev.doorstep.core.polling.ShopPoll;
import dev.doorstep.core.polling.ShopPollOutcome;
import java.time.Clock;

/**
 * The shop poll worker's SnapStart priming: a built-in queue message, read by the handler's own
 * {@link ShopPollMessage#parse}, then the handler's {@link ShopPoll#poll} for it, whose first step,
 * the shop's GetItem, misses and ends it.
 *
 * <p>Why it is safe at deployment time: the shop can never exist. Shops are stored only by the shop
 * API and the Shopify webhook, which take only {@code *.myshopify.com} domains; this is not one. So
 * the poll is skipped at that one read: no AfterShip call, no checkpoint or order written, no schedule.
 * The outcome is not logged and no metric is counted (that is the handler's part).
 */
final class ShopPollWorkerPriming {

    static final String MESSAGE = "{\"shop\":\"doorstep-snapstart-priming.invalid\",\"pollStart\":\"2026-01-01T00:00:00Z\"}";

    private ShopPollWorkerPriming() {
    }

    static ShopPollOutcome prime(ShopPoll poll, Clock clock) {
        ShopPollMessage message = ShopPollMessage.parse(MESSAGE);
        return poll.poll(message.shop(), message.pollStart(), clock.instant());
    }
}
