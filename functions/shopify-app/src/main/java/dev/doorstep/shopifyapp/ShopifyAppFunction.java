package dev.doorstep.shopifyapp;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.doorstep.core.model.ShopFacts;
import dev.doorstep.core.shopify.ShopInstallation;
import dev.doorstep.core.shopify.ShopifyRefusedException;
import dev.doorstep.core.shopify.ShopifyUnavailableException;
import dev.doorstep.lambda.HttpApiFunction;
import dev.doorstep.lambda.HttpResponses;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.SnapStartPriming;
import dev.doorstep.shopify.InvalidSessionTokenException;
import dev.doorstep.shopify.SessionTokenHeaders;
import dev.doorstep.shopify.SessionTokenVerifier;
import dev.doorstep.shopify.VerifiedSession;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /app/session}: the embedded app's page hands over the merchant's App Bridge session token
 * ({@code Authorization: Bearer <token>}); a token that passes every check is exchanged for the shop's
 * offline access token, which installs the shop (or reinstalls it, refreshing its facts). A token that
 * fails any check gets a 401 and nothing is written.
 */
public final class ShopifyAppFunction extends HttpApiFunction {

    static final String ROUTE = "/app/session";
    private static final JsonLog LOG = JsonLog.of(ShopifyAppFunction.class);

    private final Supplier<SessionTokenVerifier> verifier;
    private final Supplier<ShopInstallation> installation;
    private final Clock clock;

    /**
     * The Lambda runtime's constructor: real clients from the environment, built on first use so that a
     * stack whose Shopify secret is not filled in yet still starts (and answers 503 until it is); primed
     * for SnapStart on a built-in token.
     */
    public ShopifyAppFunction() {
        this.verifier = ShopifyAppWiring::verifier;
        this.installation = ShopifyAppWiring::installation;
        this.clock = Clock.systemUTC();
        SnapStartPriming.register("ShopifyAppFunction", ShopifyAppFunction::prime);
    }

    /** Tests pass their own collaborators. */
    public ShopifyAppFunction(SessionTokenVerifier verifier, ShopInstallation installation) {
        this(verifier, installation, Clock.systemUTC());
    }

    /** The local runtime passes its clock too (an install's backfill offer carries its time). */
    public ShopifyAppFunction(SessionTokenVerifier verifier, ShopInstallation installation, Clock clock) {
        this.verifier = () -> verifier;
        this.installation = () -> installation;
        this.clock = clock;
    }

    /** Loads and runs the verifier's parsing and HMAC code on a token signed with a throw-away secret. */
    static void prime() {
        SessionTokenVerifier throwAway = new SessionTokenVerifier("priming", "priming-secret",
                java.time.Clock.systemUTC(), SessionTokenVerifier.DEFAULT_LEEWAY);
        try {
            throwAway.verify("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjB9.AAAA");
        } catch (InvalidSessionTokenException expected) {
            // the point: the classes and the HMAC are warm
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String path = event.getRawPath() == null ? "" : event.getRawPath().replaceAll("/$", "");
        if (!ROUTE.equals(path)) {
            return HttpResponses.status(404, "not-found", "no such route; the app serves POST " + ROUTE);
        }
        if (!"POST".equals(method(event))) {
            return HttpResponses.status(405, "method-not-allowed", "use POST");
        }
        VerifiedSession session;
        String token = SessionTokenHeaders.bearer(event);
        try {
            session = verifier.get().verify(token);
        } catch (InvalidSessionTokenException e) {
            LOG.warn("session token refused", Map.of("reason", e.getMessage()));
            return SessionTokenHeaders.unauthorized(e.getMessage());
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the app's client id or secret is not configured (yet): never a 2xx, never the secret
            LOG.error("the Shopify app is not configured", Map.of("reason", e.getMessage()), e);
            return HttpResponses.status(503, "unavailable", "the app is not configured yet");
        }
        try {
            ShopInstallation.Installed installed = installation.get().install(session.shop(), token,
                    clock.instant());
            LOG.info("shop session", Map.of("shop", session.shop(), "created", installed.created(),
                    "reinstalled", installed.reinstalled()));
            return HttpResponses.json(200, answer(installed));
        } catch (ShopifyRefusedException e) {
            LOG.warn("Shopify refused the token exchange", Map.of("shop", session.shop(), "reason", e.getMessage()));
            return SessionTokenHeaders.unauthorized("Shopify refused the session: " + e.getMessage());
        } catch (ShopifyUnavailableException e) {
            LOG.warn("Shopify unavailable", Map.of("shop", session.shop(), "reason", e.getMessage()));
            return HttpResponses.status(503, "unavailable", "Shopify could not be asked now; nothing was saved, try again");
        } catch (RuntimeException e) {
            LOG.error("install failed", Map.of("shop", session.shop()), e);
            return HttpResponses.status(500, "error", "temporary failure, try again");
        }
    }

    private static Map<String, Object> answer(ShopInstallation.Installed installed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "installed");
        body.put("shop", installed.shop().domain());
        body.put("created", installed.created());
        body.put("reinstalled", installed.reinstalled());
        ShopFacts facts = installed.shop().facts();
        if (facts != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", facts.name());
            f.put("contactEmail", facts.contactEmail());
            f.put("timeZone", facts.timeZone() == null ? null : facts.timeZone().getId());
            f.put("countryCode", facts.countryCode());
            body.put("shopify", f);
        }
        body.put("aftershipEnabled", installed.shop().settings().aftershipEnabled());
        return body;
    }



    private static String method(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getMethod() : "";
    }
}
