package dev.doorstep.shopapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.model.StatusChange;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.Page;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.lambda.Json;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * GET /shops/{shop}/review-requests?status=...&search=...&cursor=...&limit=...: the seed's Requests
 * dashboard, newest orders first. Each request shows its status label, the reason, the fulfillment,
 * delivery and send times (in UTC and in the shop's time zone), while it waits for delivery the fallback
 * deadline (with the fallback on), and its timeline; never the customer's
 * name or email. {@code search} finds an order by its name ("#1001") or number ("1001").
 */
final class ReviewRequestsEndpoint {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;
    /** A status filter reads at most this many store pages per call, then hands back a cursor. */
    private static final int MAX_PAGES = 10;
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private static final TimingPolicy POLICY = new TimingPolicy();

    private final ShopStore shops;
    private final OrderStore orders;

    ReviewRequestsEndpoint(ShopStore shops, OrderStore orders) {
        this.shops = shops;
        this.orders = orders;
    }

    Optional<ObjectNode> list(String shop, Map<String, String> query) {
        Set<OrderStatus> statuses = statuses(query.get("status"));
        int limit = limit(query.get("limit"));
        String cursor = cursor(query.get("cursor"));
        String search = search(query.get("search"));
        Optional<dev.doorstep.core.model.Shop> found = shops.find(shop);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        LocalTimes local = new LocalTimes(found.get().settings().timeZone());
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("timeZone", found.get().settings().timeZone().getId());
        ArrayNode items = out.putArray("reviewRequests");
        // Filtering happens after reading; each page asks only for what is still missing, so a response
        // never holds more than `limit` requests and the cursor never skips one.
        int pages = 0;
        do {
            Page<Order> page = orders.ordersOf(shop, cursor, limit - items.size());
            page.items().stream().filter(o -> statuses.contains(o.status()) && matches(o, search))
                    .forEach(o -> items.add(view(o, found.get().settings(), local)));
            cursor = page.nextCursor();
        } while (cursor != null && items.size() < limit && ++pages < MAX_PAGES);
        out.put("nextCursor", cursor);
        return Optional.of(out);
    }

    private static ObjectNode view(Order o, ShopSettings settings, LocalTimes local) {
        ObjectNode v = Json.MAPPER.createObjectNode();
        v.put("orderId", o.key().orderId());
        v.put("orderNumber", o.orderNumber());
        v.put("status", o.status().name());
        v.put("statusLabel", o.status().label());
        v.put("reason", o.statusReason());
        v.put("fulfilledAt", text(o.fulfillment().fulfilledAt()));
        v.put("deliveredAt", text(o.deliveredAt()));
        v.put("sendAt", text(o.sendAt()));
        v.put("sendReason", o.sendReason() == null ? null : o.sendReason().name());
        v.put("trackingFailure", o.trackingFailure());
        Instant fallback = settings.fallbackEnabled() && o.status() == OrderStatus.WAITING_FOR_DELIVERY
                ? fallbackSendTime(o, settings) : null;
        v.put("fallbackDeadline", text(fallback));
        v.put("reasonLocal", local.inText(o.statusReason()));
        v.put("fulfilledAtLocal", local.show(o.fulfillment().fulfilledAt()));
        v.put("deliveredAtLocal", local.show(o.deliveredAt()));
        v.put("sendAtLocal", local.show(o.sendAt()));
        v.put("fallbackDeadlineLocal", local.show(fallback));
        ArrayNode timeline = v.putArray("timeline");
        for (StatusChange change : o.history()) {
            timeline.addObject().put("status", change.to().name()).put("statusLabel", change.to().label())
                    .put("reason", local.inText(change.reason())).put("at", text(change.at()))
                    .put("atLocal", local.show(change.at()));
        }
        return v;
    }

    /**
     * When the fallback sends if no delivery is seen: the order's wake-up comes at the deadline it was given, and
     * the request is then planned by today's {@code fallbackDays} (a time already passed meaning "now"). So after
     * the merchant lengthens the fallback it is the new, later time; after shortening it, still the order's own.
     */
    private static Instant fallbackSendTime(Order o, ShopSettings settings) {
        Instant wakeUp = o.fallbackDeadline();
        Optional<Instant> planned = POLICY.fallbackDeadline(settings, o.timingFulfillment());
        if (wakeUp == null) {
            return planned.orElse(null);
        }
        return planned.filter(p -> p.isAfter(wakeUp)).orElse(wakeUp);
    }

    /** By name ("#1001", as Shopify shows it) or number ("1001"), whole, ignoring case and a leading '#'. */
    private static boolean matches(Order o, String search) {
        if (search == null) {
            return true;
        }
        String number = o.orderNumber() == null ? "" : o.orderNumber().toLowerCase(Locale.ROOT);
        String bare = number.startsWith("#") ? number.substring(1) : number;
        return bare.equals(search) || number.equals(search) || o.key().orderId().equals(search);
    }

    private static String search(String param) {
        if (param == null || param.isBlank()) {
            return null;
        }
        String s = param.trim().toLowerCase(Locale.ROOT);
        s = s.startsWith("#") ? s.substring(1) : s;
        if (s.isEmpty() || s.length() > 64) {
            throw new BadRequestException("search", "must be an order name like #1001 or its number");
        }
        return s;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    /** Statuses by internal name ({@code SCHEDULED}) or by the label the answers show ({@code Will send}). */
    private static Set<OrderStatus> statuses(String param) {
        if (param == null || param.isBlank()) {
            return EnumSet.allOf(OrderStatus.class);
        }
        EnumSet<OrderStatus> wanted = EnumSet.noneOf(OrderStatus.class);
        for (String name : param.split(",")) {
            String asked = name.trim();
            wanted.add(Arrays.stream(OrderStatus.values())
                    .filter(s -> s.name().equalsIgnoreCase(asked) || s.label().equalsIgnoreCase(asked))
                    .findFirst()
                    .orElseThrow(() -> new BadRequestException("status", "unknown status '" + asked
                            + "'; use one or more of " + Arrays.stream(OrderStatus.values())
                                    .map(s -> s.name() + " (" + s.label() + ")").collect(Collectors.joining(", ")))));
        }
        return wanted;
    }

    private static int limit(String param) {
        if (param == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(param.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static String cursor(String param) {
        if (param == null || param.isEmpty()) {
            return null;
        }
        if (!CURSOR.matcher(param).matches()) {
            throw new BadRequestException("cursor", "is not a cursor this API handed out");
        }
        return param;
    }
}
