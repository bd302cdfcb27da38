package dev.doorstep.merchantpage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.doorstep.core.merchant.MerchantChoices;
import dev.doorstep.core.model.IllegalStatusChangeException;
import dev.doorstep.core.model.InvalidSettingException;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.lambda.HttpApiFunction;
import dev.doorstep.lambda.HttpResponses;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.SnapStartPriming;
import dev.doorstep.shopapi.ShopApiFunction;
import dev.doorstep.shopify.InvalidSessionTokenException;
import dev.doorstep.shopify.SessionTokenHeaders;
import dev.doorstep.shopify.SessionTokenVerifier;
import dev.doorstep.shopify.VerifiedSession;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The merchant's page inside Shopify admin: {@code GET /admin} serves the page, and {@code /admin/api/...}
 * its API. Every API call carries an App Bridge session token ({@code Authorization: Bearer}); the shop is
 * the token's, never a path or parameter's. Settings, the list and the backfill offer are the shop API's own
 * endpoints, asked for the verified shop, so validation, listing and the offer's rules exist once; the email
 * preview is the review sender's own composer's ({@link EmailPreview}), so the wording exists once too.
 */
public final class MerchantPageFunction extends HttpApiFunction {

    static final String PAGE = "/admin";
    static final String API = "/admin/api/";
    private static final Pattern CHOICE = Pattern.compile("^review-requests/([A-Za-z0-9_-]{1,64})/(send-now|do-not-send)$");
    private static final JsonLog LOG = JsonLog.of(MerchantPageFunction.class);

    private final SessionTokenVerifier verifier;
    private final ShopApiFunction shopApi;
    private final ShopStore shops;
    private final MerchantChoices choices;
    private final MerchantOverview overview;
    private final EmailPreview preview;
    private final MerchantPageHtml page;
    private final Clock clock;

    /** The Lambda runtime's constructor: real clients from the environment, primed for SnapStart. */
    public MerchantPageFunction() {
        this(MerchantPageWiring.verifier(), ShopApiFunction.forVerifiedShops(), MerchantPageWiring.shops(),
                MerchantPageWiring.choices(), MerchantPageWiring.overview(), MerchantPageWiring.preview(),
                new MerchantPageHtml(MerchantPageWiring.clientId(), false), Clock.systemUTC());
        SnapStartPriming.register("MerchantPageFunction", () -> MerchantPagePriming.prime(verifier, page, preview));
    }

    /** Tests and the local runtime pass their own collaborators. */
    public MerchantPageFunction(SessionTokenVerifier verifier, ShopApiFunction shopApi, ShopStore shops,
            MerchantChoices choices, MerchantOverview overview, EmailPreview preview, MerchantPageHtml page,
            Clock clock) {
        this.verifier = verifier;
        this.shopApi = shopApi;
        this.shops = shops;
        this.choices = choices;
        this.overview = overview;
        this.preview = preview;
        this.page = page;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String path = event.getRawPath() == null ? "" : event.getRawPath();
        String method = method(event);
        if ((PAGE.equals(path) || (PAGE + "/").equals(path)) && "GET".equals(method)) {
            return page.response(query(event).get("shop"));
        }
        if (!path.startsWith(API)) {
            return HttpResponses.status(404, "not-found", "no such route under " + PAGE);
        }
        VerifiedSession session;
        try {
            session = verifier.verify(SessionTokenHeaders.bearer(event));
        } catch (InvalidSessionTokenException e) {
            LOG.warn("session token refused", Map.of("reason", e.getMessage()));
            return SessionTokenHeaders.unauthorized(e.getMessage());
        }
        String shop = session.shop();
        Optional<Shop> known = shops.find(shop);
        if (known.isEmpty() || !known.get().installed()) {
            LOG.warn("session of a shop that has not installed the app", Map.of("shop", shop));
            return SessionTokenHeaders.unauthorized(
                    shop + " has not installed Doorstep; open it from the shop's admin to install");
        }
        String resource = path.substring(API.length());
        APIGatewayV2HTTPResponse response = switch (method + " " + resource) {
            case "GET settings", "PUT settings" -> shopApi.handleRequest(asShopApi(event, method,
                    "/shops/" + shop + "/settings"), context);
            case "GET review-requests" -> shopApi.handleRequest(asShopApi(event, method,
                    "/shops/" + shop + "/review-requests"), context);
            case "GET backfill", "POST backfill", "DELETE backfill" -> shopApi.handleRequest(asShopApi(event, method,
                    "/shops/" + shop + "/backfill"), context);
            case "GET overview" -> HttpResponses.json(200, overview.lastThirtyDays(known.get(), clock.instant()));
            case "POST email-preview" -> emailPreview(known.get(), event);
            case "GET email-preview" -> HttpResponses.status(405, "method-not-allowed",
                    "POST the draft template ({subject, body, reviewUrl}) to preview it");
            default -> choice(shop, method, resource);
        };
        LOG.info("merchant page api", Map.of("shop", shop, "route", method + " " + routeName(resource),
                "status", response.getStatusCode()));
        return response;
    }

    /** The draft template's email, or a 400 naming the template's field as a settings save would. */
    private APIGatewayV2HTTPResponse emailPreview(Shop shop, APIGatewayV2HTTPEvent event) {
        try {
            return HttpResponses.json(200, preview.of(shop, EmailPreview.draft(event)));
        } catch (InvalidSettingException e) {
            List<Map<String, Object>> errors = e.errors().stream().map(f -> {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("field", f.field());
                error.put("reason", f.reason());
                return error;
            }).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "rejected");
            body.put("field", errors.getFirst().get("field"));
            body.put("reason", errors.getFirst().get("reason"));
            body.put("errors", errors);
            return HttpResponses.json(400, body);
        }
    }

    private APIGatewayV2HTTPResponse choice(String shop, String method, String resource) {
        Matcher m = CHOICE.matcher(resource);
        if (!m.matches()) {
            return HttpResponses.status(404, "not-found", "no such route under " + API);
        }
        if (!"POST".equals(method)) {
            return HttpResponses.status(405, "method-not-allowed", "use POST");
        }
        OrderKey key = new OrderKey(shop, m.group(1));
        try {
            Optional<Order> done = "send-now".equals(m.group(2)) ? choices.sendNow(key, clock.instant())
                    : choices.doNotSend(key, clock.instant());
            if (done.isEmpty()) {
                return HttpResponses.status(404, "unknown-order", "the shop has no order " + m.group(1));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "accepted");
            body.put("orderId", key.orderId());
            body.put("orderStatus", done.get().status().name());
            body.put("statusLabel", done.get().status().label());
            body.put("reason", done.get().statusReason());
            return HttpResponses.json(200, body);
        } catch (IllegalStatusChangeException e) {
            return HttpResponses.status(409, "conflict", "the review request is " + e.from().name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ') + " already; nothing was changed");
        } catch (dev.doorstep.core.port.StaleOrderException e) {
            return HttpResponses.status(409, "conflict", "the order changed meanwhile; reload and try again");
        }
    }

    /** The same request, as the shop API's own route for the verified shop. */
    private static APIGatewayV2HTTPEvent asShopApi(APIGatewayV2HTTPEvent event, String method, String path) {
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(method + " " + path).withRawPath(path)
                .withHeaders(Map.of("content-type", "application/json"))
                .withQueryStringParameters(event.getQueryStringParameters())
                .withBody(event.getBody()).withIsBase64Encoded(event.getIsBase64Encoded())
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                                .build()).build())
                .build();
    }

    private static String routeName(String resource) {
        return CHOICE.matcher(resource).matches() ? "review-requests/{orderId}/" + resource.substring(
                resource.lastIndexOf('/') + 1) : resource;
    }



    private static Map<String, String> query(APIGatewayV2HTTPEvent event) {
        return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getMethod() : "";
    }
}
