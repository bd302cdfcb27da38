package dev.doorstep.core.intake;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.OrderSource;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.timing.FulfillmentTimingCause;
import dev.doorstep.core.timing.SendDecision;
import dev.doorstep.core.timing.TimingBasis;
import dev.doorstep.core.timing.TimingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Orders from before the switch-on: when the merchant accepts the backfill offered at install or switch-on
 * ({@link BackfillOffering}), the shop's recent fulfilled orders are taken in as if their webhooks had just come.
 * <ul>
 *   <li>Only orders fulfilled within {@link #WINDOW}: AfterShip marks a shipment Expired after 30 days
 *       without carrier news, so older parcels would tell nothing.</li>
 *   <li>Never a second email: an order Doorstep already has is left alone (the insert is conditional, so a
 *       webhook racing the backfill wins or loses cleanly).</li>
 *   <li>Trackable orders are stored "Creating tracking", exactly like a new webhook's: the tracking creator
 *       creates them in AfterShip at the account's documented rate limits (its shared per-account limiter),
 *       timed by the same rules. Others get fulfillment timing through the planner.</li>
 *   <li>No burst: the "Will send" times it decides are spread by {@link BackfillSpread}, at most
 *       {@code perDay} a day through the shop's send window. A tracked order gets its slot too
 *       ({@code Order.sendNotBefore}, after the next poll): one delivered long ago would otherwise go out
 *       "now" together with every other when the poll finds them.</li>
 * </ul>
 * Running it twice changes nothing the second time.
 */
public final class Backfill {

    public static final Duration WINDOW = Duration.ofDays(30);
    public static final int DEFAULT_PER_DAY = 100;

    private final OrderSource source;
    private final OrderStore orders;
    private final ReviewRequestPlanner planner;
    private final TimingPolicy policy;
    private final int perDay;

    public Backfill(OrderSource source, OrderStore orders, ReviewRequestPlanner planner, TimingPolicy policy,
            int perDay) {
        this.source = source;
        this.orders = orders;
        this.planner = planner;
        this.policy = policy;
        this.perDay = perDay;
    }

    public BackfillOutcome run(Shop shop, Instant now) {
        ShopSettings settings = shop.settings();
        Instant since = now.minus(WINDOW);
        BackfillSpread spread = new BackfillSpread(perDay, settings.timeZone(), settings.sendWindow());
        int read = 0;
        int tracked = 0;
        int scheduled = 0;
        int known = 0;
        int outside = 0;
        String cursor = null;
        do {
            Page<FulfillmentFact> page = source.fulfilledSince(shop.settings().shop(), since, cursor);
            for (FulfillmentFact fact : page.items()) {
                read++;
                if (fact.fulfillment().fulfilledAt().isBefore(since)) {
                    outside++;
                    continue;
                }
                if (orders.find(fact.key()).isPresent()) {
                    known++;
                    continue;
                }
                Order decided = decide(fact, settings, spread, now);
                if (!orders.insert(decided)) {
                    known++; // a webhook brought it meanwhile
                    continue;
                }
                if (decided.status() == OrderStatus.SCHEDULED) {
                    planner.ensureScheduled(decided, settings);
                    scheduled++;
                } else {
                    tracked++;
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return new BackfillOutcome(read, tracked, scheduled, known, outside);
    }

    private Order decide(FulfillmentFact fact, ShopSettings settings, BackfillSpread spread, Instant now) {
        Order received = Order.received(fact.key(), fact.orderNumber(), fact.fulfillment(), fact.customer(),
                fact.lineItems(), now);
        Optional<FulfillmentTimingCause> cause = policy.fulfillmentTimingCause(settings, fact.fulfillment());
        if (cause.isEmpty()) {
            // Its delivery may be long past, and the first poll (or AfterShip's first webhooks) would then bring
            // all such orders at once: a slot after that poll keeps them apart.
            return received.toBuilder().fallbackDeadline(policy.fallbackDeadline(settings, fact.fulfillment())
                            .orElse(null)).sendNotBefore(spread.slot(now.plus(settings.pollInterval()))).build()
                    .moveTo(OrderStatus.CREATING_TRACKING, "taken in by the backfill: the initial fulfillment has a "
                            + "tracking number and a carrier, creating an AfterShip tracking", now);
        }
        Order planned = planner.decide(received, settings, TimingBasis.fromFulfillment(cause.get()), now);
        Instant slot = spread.slot(planned.sendAt());
        String why = planned.statusReason() + (slot.equals(planned.sendAt()) ? ""
                : "; the backfill spreads its requests over the send window (at most " + perDay + " a day)");
        return received.toBuilder().sendNotBefore(slot).build()
                .schedule(new SendDecision(slot, planned.sendReason(), planned.sendAt(), false, why), now);
    }
}
