package dev.doorstep.shopapi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.core.intake.Backfill;
import dev.doorstep.core.intake.BackfillConflictException;
import dev.doorstep.core.intake.BackfillOffering;
import dev.doorstep.core.memory.InMemoryBackfillOffers;
import dev.doorstep.core.memory.InMemoryCustomerDataExports;
import dev.doorstep.core.model.InvalidSettingException;
import dev.doorstep.core.planning.ReviewRequestPlanner;
import dev.doorstep.core.port.AfterShipCredentialStore;
import dev.doorstep.core.port.BackfillRequests;
import dev.doorstep.core.port.CustomerDataExports;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.settings.IntegrationSwitchOff;
import dev.doorstep.core.settings.SettingsUpdate;
import dev.doorstep.core.timing.TimingPolicy;
import dev.doorstep.lambda.HttpApiFunction;
import dev.doorstep.lambda.HttpResponses;
import dev.doorstep.lambda.Json;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.SnapStartPriming;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shop API behind API Gateway's IAM authorizer (template.yaml):
 * {@code GET|PUT /shops/{shop}/settings}, {@code GET /shops/{shop}/review-requests},
 * {@code GET|POST|DELETE /shops/{shop}/backfill} and {@code GET /shops/{shop}/data-exports}.
 * The path's shop must be exactly its lowercase myshopify.com domain (else 404: IAM policies match the
 * path as written, so {@code ACME.myshopify.com} must not reach acme's data), and the IAM caller must be
 * allowed that shop ({@link ShopApiCallers}, else 403). Bad input gets a 400 naming the field; nothing is
 * written unless everything is valid.
 */
public final class ShopApiFunction extends HttpApiFunction {

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Pattern ROUTE = Pattern.compile("^/shops/([^/]+)/(settings|review-requests|backfill|data-exports)$");
    private static final Pattern SHOP = Pattern.compile("[a-z0-9][a-z0-9-]*\\.myshopify\\.com");
    private static final JsonLog LOG = JsonLog.of(ShopApiFunction.class);

    final SettingsEndpoint settings;
    final ReviewRequestsEndpoint reviewRequests;
    private final ShopApiCallers callers;
    final DataExportsEndpoint dataExports;
    final BackfillEndpoint backfill;

    /**
     * The Lambda runtime's constructor: real clients from the environment, built in the init phase, and
     * primed for SnapStart.
     */
    public ShopApiFunction() {
        this(ShopApiWiring.shops(), ShopApiWiring.orders(), ShopApiWiring.credentials(), ShopApiWiring.keyCheck(),
                ShopApiWiring.cipher(), ShopApiWiring.scheduler(), ShopApiWiring.dataExports(), Clock.systemUTC(),
                ShopApiWiring.callers(), ShopApiWiring.backfillOffering());
        SnapStartPriming.register("ShopApiFunction", () -> ShopApiPriming.prime(settings, reviewRequests));
    }

    /**
     * The shop API run in-process by a function that has verified the shop itself (the merchant page, by the
     * App Bridge session token) and names only that shop in the path: real clients from the environment, as
     * the runtime's constructor builds them, but no IAM caller to check ({@code SHOP_API_CALLERS} lists IAM
     * principals, and an in-process request has none), and primed for SnapStart the same way.
     */
    public static ShopApiFunction forVerifiedShops() {
        ShopApiFunction api = new ShopApiFunction(ShopApiWiring.shops(), ShopApiWiring.orders(),
                ShopApiWiring.credentials(), ShopApiWiring.keyCheck(), ShopApiWiring.cipher(), ShopApiWiring.scheduler(),
                ShopApiWiring.dataExports(), Clock.systemUTC(), ShopApiCallers.anyCaller(),
                ShopApiWiring.backfillOffering());
        SnapStartPriming.register("ShopApiFunction", () -> ShopApiPriming.prime(api.settings, api.reviewRequests));
        return api;
    }

    /**
     * Local runs and tests: no IAM authorizer in front, so every caller may act on every shop; without
     * customer data exports (they answer an empty list).
     */
    public ShopApiFunction(ShopStore shops, OrderStore orders, AfterShipCredentialStore credentials,
            AfterShipKeyCheck keyCheck, KmsApiKeyCipher cipher, ReviewRequestScheduler scheduler, Clock clock) {
        this(shops, orders, credentials, keyCheck, cipher, scheduler, new InMemoryCustomerDataExports(), clock);
    }

    /** Local runs and tests with customer data exports: every caller may act on every shop. */
    public ShopApiFunction(ShopStore shops, OrderStore orders, AfterShipCredentialStore credentials,
            AfterShipKeyCheck keyCheck, KmsApiKeyCipher cipher, ReviewRequestScheduler scheduler,
            CustomerDataExports exports, Clock clock) {
        this(shops, orders, credentials, keyCheck, cipher, scheduler, exports, clock, ShopApiCallers.anyCaller());
    }

    /**
     * Local runs: every caller may act on every shop; an install or switch-on offers the backfill through
     * {@code backfills}, and POST /backfill accepts it there.
     */
    public ShopApiFunction(ShopStore shops, OrderStore orders, AfterShipCredentialStore credentials,
            AfterShipKeyCheck keyCheck, KmsApiKeyCipher cipher, ReviewRequestScheduler scheduler,
            CustomerDataExports exports, Clock clock, BackfillOffering backfills) {
        this(shops, orders, credentials, keyCheck, cipher, scheduler, exports, clock, ShopApiCallers.anyCaller(),
                backfills);
    }

    /** Tests of the callers' rules: offers kept in memory, an accepted backfill queued nowhere. */
    ShopApiFunction(ShopStore shops, OrderStore orders, AfterShipCredentialStore credentials,
            AfterShipKeyCheck keyCheck, KmsApiKeyCipher cipher, ReviewRequestScheduler scheduler,
            CustomerDataExports exports, Clock clock, ShopApiCallers callers) {
        this(shops, orders, credentials, keyCheck, cipher, scheduler, exports, clock, callers,
                new BackfillOffering(shops, new InMemoryBackfillOffers(), BackfillRequests.NONE));
    }

    ShopApiFunction(ShopStore shops, OrderStore orders, AfterShipCredentialStore credentials,
            AfterShipKeyCheck keyCheck, KmsApiKeyCipher cipher, ReviewRequestScheduler scheduler,
            CustomerDataExports exports, Clock clock, ShopApiCallers callers, BackfillOffering backfills) {
        this.callers = callers;
        ReviewRequestPlanner planner = new ReviewRequestPlanner(new TimingPolicy(), orders, scheduler);
        SettingsUpdate update = new SettingsUpdate(shops, credentials, new IntegrationSwitchOff(orders, planner),
                backfills);
        this.settings = new SettingsEndpoint(shops, credentials, keyCheck, cipher, update, clock);
        this.reviewRequests = new ReviewRequestsEndpoint(shops, orders);
        this.dataExports = new DataExportsEndpoint(exports);
        this.backfill = new BackfillEndpoint(shops, backfills, Backfill.DEFAULT_PER_DAY, clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String method = method(event);
        Matcher route = ROUTE.matcher(event.getRawPath() == null ? "" : event.getRawPath());
        if (!route.matches()) {
            return HttpResponses.status(404, "not-found", "no such route; the shop API serves /shops/{shop}/settings,"
                    + " /shops/{shop}/review-requests, /shops/{shop}/backfill and /shops/{shop}/data-exports");
        }
        String shop = route.group(1);
        String resource = route.group(2);
        if (!SHOP.matcher(shop).matches()) {
            // Not lowercased here: IAM matched the path as written, so another spelling is another resource.
            return HttpResponses.status(404, "not-found", "no such shop; the path names a shop by its lowercase"
                    + " myshopify.com domain");
        }
        String caller = callerArn(event);
        if (!callers.mayActOn(caller, shop)) {
            LOG.warn("shop api caller refused", Map.of("shop", shop, "caller", String.valueOf(caller)));
            return HttpResponses.status(403, "forbidden", "this caller may not act on this shop (docs/deploy.md,"
                    + " ShopApiCallers)");
        }
        try {
            APIGatewayV2HTTPResponse response = switch (method + " " + resource) {
                case "GET settings" -> found(settings.get(shop), shop);
                case "PUT settings" -> HttpResponses.json(200, settings.put(shop, body(event)));
                case "GET review-requests" -> found(reviewRequests.list(shop, query(event)), shop);
                case "GET data-exports" -> HttpResponses.json(200, dataExports.list(shop));
                case "GET backfill" -> found(backfill.get(shop), shop);
                case "POST backfill" -> backfill.accept(shop).map(b -> HttpResponses.json(202, b))
                        .orElseGet(() -> HttpResponses.status(404, "unknown-shop", shop
                                + " is not installed here; nothing was queued"));
                case "DELETE backfill" -> found(backfill.decline(shop), shop);
                default -> HttpResponses.status(405, "method-not-allowed", method + " is not served on "
                        + resource + switch (resource) {
                            case "settings" -> "; use GET or PUT";
                            case "backfill" -> "; use GET, POST (accept) or DELETE (decline)";
                            default -> "; use GET";
                        });
            };
            LOG.info("shop api", Map.of("shop", shop, "route", method + " " + resource,
                    "status", response.getStatusCode()));
            return response;
        } catch (BadRequestException e) {
            return rejected(shop, List.of(problem(e.field(), e.getMessage())));
        } catch (InvalidSettingException e) {
            return rejected(shop, e.errors().stream().map(f -> problem(f.field(), f.reason())).toList());
        } catch (BackfillConflictException e) {
            return HttpResponses.status(409, "conflict", e.getMessage());
        } catch (NoBackfillOfferException e) {
            return HttpResponses.status(404, "no-offer", e.getMessage());
        } catch (BackfillNotQueuedException e) {
            LOG.warn("backfill not queued", Map.of("shop", shop, "reason", e.getMessage()));
            return HttpResponses.status(503, "unavailable", e.getMessage());
        } catch (AfterShipUnreachableException e) {
            LOG.warn("AfterShip key check unavailable", Map.of("shop", shop, "reason", e.getMessage()));
            return HttpResponses.status(503, "unavailable", e.getMessage() + "; nothing was saved, try again");
        }
    }


    private static APIGatewayV2HTTPResponse found(Optional<ObjectNode> body, String shop) {
        return body.map(b -> HttpResponses.json(200, b)).orElseGet(() -> HttpResponses.status(404, "unknown-shop",
                shop + " is not known here; PUT its settings first"));
    }

    /**
     * 400 naming every problem in {@code errors}; {@code field} and {@code reason} keep naming the first, as
     * they did before the list, for clients that read one.
     */
    private static APIGatewayV2HTTPResponse rejected(String shop, List<Map<String, Object>> errors) {
        LOG.info("shop api request refused", Map.of("shop", shop, "field", String.valueOf(errors.get(0).get("field")),
                "fields", errors.stream().map(e -> String.valueOf(e.get("field"))).toList()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "rejected");
        body.put("field", errors.get(0).get("field"));
        body.put("reason", errors.get(0).get("reason"));
        body.put("errors", errors);
        return HttpResponses.json(400, body);
    }

    /** One entry of a 400's {@code errors}; {@code field} is null when the whole body is at fault. */
    private static Map<String, Object> problem(String field, String reason) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("reason", reason);
        return error;
    }

    private static String callerArn(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getIam() == null) {
            return null;
        }
        return context.getAuthorizer().getIam().getUserArn();
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        if (event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
            return event.getRequestContext().getHttp().getMethod();
        }
        return "";
    }

    private static Map<String, String> query(APIGatewayV2HTTPEvent event) {
        return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
    }

    static ObjectNode body(APIGatewayV2HTTPEvent event) {
        String raw = event.getBody();
        if (raw == null || raw.isBlank()) {
            throw new BadRequestException(null, "the body must be a JSON object of settings");
        }
        byte[] bytes = event.getIsBase64Encoded() ? decode(raw) : raw.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BadRequestException(null, "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode json = Json.MAPPER.readTree(bytes);
            if (json == null || !json.isObject()) {
                throw new BadRequestException(null, "the body must be a JSON object of settings");
            }
            return (ObjectNode) json;
        } catch (JsonProcessingException e) {
            throw new BadRequestException(null, "the body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (java.io.IOException e) {
            throw new BadRequestException(null, "the body could not be read");
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(null, "the body is marked base64 but is not");
        }
    }
}
