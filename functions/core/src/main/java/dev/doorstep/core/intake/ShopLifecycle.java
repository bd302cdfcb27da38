package dev.doorstep.core.intake;

import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.port.AfterShipCredentialStore;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.shopify.ShopifyAccessTokenErasure;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The shop leaves: {@code app/uninstalled} stops every pending request and forgets the shop's Shopify
 * access token (Shopify revokes it at uninstall: keeping it could only leak); {@code shop/redact} (48 hours
 * later, per Shopify) erases everything we hold about the shop. Both may run again and converge.
 */
public final class ShopLifecycle {

    private static final int PAGE = 100;

    private final ShopStore shops;
    private final OrderStore orders;
    private final AfterShipCredentialStore credentials;
    private final ShopifyAccessTokenErasure shopifyTokens;
    private final ReviewRequestScheduler scheduler;
    private final Clock clock;
    private final OrderChanges changes;

    public ShopLifecycle(ShopStore shops, OrderStore orders, AfterShipCredentialStore credentials,
            ShopifyAccessTokenErasure shopifyTokens, ReviewRequestScheduler scheduler, Clock clock) {
        this.shops = shops;
        this.orders = orders;
        this.credentials = credentials;
        this.shopifyTokens = shopifyTokens;
        this.scheduler = scheduler;
        this.clock = clock;
        this.changes = new OrderChanges(orders);
    }

    /**
     * The shop is marked uninstalled first (nothing new is accepted), then its Shopify token erased (a
     * reinstall's token exchange stores a fresh one), then its pending requests cancelled.
     */
    public IntakeResult uninstalled(String domain) {
        Instant now = clock.instant();
        var shop = shops.find(domain);
        if (shop.isEmpty()) {
            shopifyTokens.delete(domain); // a token stored before the shop item was written
            return IntakeResult.ignored("shop not known here: nothing to uninstall", null);
        }
        if (shop.get().installed()) {
            shops.save(new Shop(shop.get().settings(), false, shop.get().lastPolledAt(), null, shop.get().facts()));
        }
        shopifyTokens.delete(domain);
        List<String> cancelled = new ArrayList<>();
        eachOrder(domain, order -> {
            if (order.status().isPending()) {
                changes.cancel(order.key(), "the shop uninstalled the app", now, scheduler);
                cancelled.add(order.key().orderId());
            }
        });
        return IntakeResult.applied("shop uninstalled; " + cancelled.size() + " pending request(s) cancelled",
                cancelled);
    }

    /** Every order, its schedule, the AfterShip credentials, the Shopify token and the shop itself: gone. */
    public IntakeResult redact(String domain) {
        List<String> erased = new ArrayList<>();
        eachOrder(domain, order -> {
            if (order.status().isPending()) {
                scheduler.cancel(order.key());
            }
            erased.add(order.key().orderId());
        });
        erased.forEach(id -> orders.delete(new dev.doorstep.core.model.OrderKey(domain, id)));
        credentials.delete(domain);
        shopifyTokens.delete(domain);
        shops.erase(domain);
        return IntakeResult.applied("shop data erased (" + erased.size() + " order(s))", erased);
    }

    private void eachOrder(String shop, Consumer<Order> action) {
        String cursor = null;
        do {
            Page<Order> page = orders.ordersOf(shop, cursor, PAGE);
            page.items().forEach(action);
            cursor = page.nextCursor();
        } while (cursor != null);
    }
}
