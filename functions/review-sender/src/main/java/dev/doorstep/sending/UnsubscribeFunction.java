package dev.doorstep.sending;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.doorstep.core.sending.InvalidUnsubscribeTokenException;
import dev.doorstep.core.sending.Suppression;
import dev.doorstep.core.sending.SuppressionList;
import dev.doorstep.core.sending.SuppressionReason;
import dev.doorstep.core.sending.UnsubscribeToken;
import dev.doorstep.core.sending.UnsubscribeTokens;
import dev.doorstep.lambda.HttpApiFunction;
import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.Metrics;
import dev.doorstep.lambda.SnapStartPriming;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * {@code GET /unsubscribe?token=} shows a confirmation page with a one-click button;
 * {@code POST /unsubscribe?token=} with the RFC 8058 body {@code List-Unsubscribe=One-Click} (what mail
 * clients send for the List-Unsubscribe-Post header, urlencoded or multipart/form-data, and what the
 * button sends) records the suppression. A bad token gets a 400 and stores nothing.
 */
public final class UnsubscribeFunction extends HttpApiFunction {

    static final String ONE_CLICK = "One-Click";
    private static final JsonLog LOG = JsonLog.of(UnsubscribeFunction.class);
    private static final Metrics METRICS = Metrics.forFunction("Unsubscribe");

    private final UnsubscribeTokens tokens;
    private final SuppressionList suppressions;
    private final Clock clock;

    /** The Lambda runtime's constructor: real clients, built once in the init phase, primed for SnapStart. */
    public UnsubscribeFunction() {
        this(SendingWiring.tokens(), SendingWiring.suppressions(), Clock.systemUTC());
        SnapStartPriming.register("UnsubscribeFunction", () -> UnsubscribePriming.prime(this, tokens, suppressions));
    }

    public UnsubscribeFunction(UnsubscribeTokens tokens, SuppressionList suppressions, Clock clock) {
        this.tokens = tokens;
        this.suppressions = suppressions;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? ""
                : event.getRequestContext().getHttp().getMethod();
        Map<String, String> form = "POST".equalsIgnoreCase(method) ? OneClickForm.fields(event) : Map.of();
        String token = query(event).getOrDefault("token", form.get("token"));
        UnsubscribeToken verified;
        try {
            verified = tokens.verify(token);
        } catch (InvalidUnsubscribeTokenException e) {
            METRICS.count("UnsubscribesRejected");
            LOG.warn("unsubscribe refused", Map.of("reason", e.getMessage()));
            return html(400, UnsubscribePage.invalid(e.getMessage()));
        }
        if ("GET".equalsIgnoreCase(method)) {
            return html(200, UnsubscribePage.confirm("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
        }
        if (!"POST".equalsIgnoreCase(method)) {
            return html(405, UnsubscribePage.invalid("Only GET and POST are answered here"));
        }
        if (!ONE_CLICK.equals(form.get("List-Unsubscribe"))) {
            return html(400, UnsubscribePage.invalid("The request must carry List-Unsubscribe=One-Click (RFC 8058)"));
        }
        suppressions.suppress(new Suppression(verified.shop(), verified.email(), SuppressionReason.UNSUBSCRIBED,
                clock.instant()));
        LOG.info("customer unsubscribed", Map.of("shop", verified.shop(), "orderId", verified.order().orderId()));
        METRICS.count("Unsubscribes");
        return html(200, UnsubscribePage.done());
    }

    private static Map<String, String> query(APIGatewayV2HTTPEvent event) {
        return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
    }

    private static APIGatewayV2HTTPResponse html(int status, String page) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("content-type", "text/html; charset=utf-8", "cache-control", "no-store",
                        "x-robots-tag", "noindex"))
                .withBody(page).build();
    }
}
