package dev.doorstep.sending;

import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.sending.ReviewRequestComposer;
import dev.doorstep.core.sending.ReviewRequestSending;
import dev.doorstep.core.sending.SendOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The review sender's SnapStart priming: a built-in schedule payload read by the handler's own
 * {@link ScheduledSend}, then the handler's {@link ReviewRequestSending#send} for its order, whose first
 * step, the order's GetItem, misses and ends it; and the email of a built-in order composed as the send
 * composes it (template, escaping, unsubscribe token), then dropped.
 *
 * <p>Why it is safe at deployment time: the order can never exist. Orders are stored only by the
 * Shopify webhook, which takes only {@code *.myshopify.com} shops and integer order ids; this is
 * neither. So the send stops at that one read (NOT_FOUND): no claim, no write, no email. The composed
 * email is never handed to the mailer (and its address, at {@code .invalid}, could not be delivered).
 * The outcome is not logged and no metric is counted (that is the handler's part).
 */
final class ReviewSenderPriming {

    static final String SHOP = "doorstep-snapstart-priming.invalid";
    static final Map<String, Object> PAYLOAD = Map.of("shop", SHOP, "orderId", "PRIMING",
            "sendAt", "2026-01-01T00:00:00Z");

    private ReviewSenderPriming() {
    }

    static SendOutcome prime(ReviewRequestSending sending, ReviewRequestComposer composer, Clock clock) {
        ScheduledSend send = ScheduledSend.from(PAYLOAD);
        SendOutcome outcome = sending.send(send.order(), clock.instant());
        Instant at = send.sendAt();
        composer.compose(Shop.installed(ShopSettings.defaults(SHOP)), Order.received(send.order(), "#PRIMING",
                new Fulfillment("1", at, "1ZPRIMING", "UPS", "US"),
                new Customer("1", "Priming", "priming@doorstep-snapstart-priming.invalid", null),
                List.of(new LineItem("1", "Priming & <Priming>")), at));
        return outcome;
    }
}
