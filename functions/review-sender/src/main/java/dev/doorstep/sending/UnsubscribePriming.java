package dev.doorstep.sending;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.sending.EmailDigest;
import dev.doorstep.core.sending.SuppressionList;
import dev.doorstep.core.sending.UnsubscribeToken;
import dev.doorstep.core.sending.UnsubscribeTokens;
import java.util.Map;

/**
 * The unsubscribe endpoint's SnapStart priming: the handler itself answers a built-in {@code GET
 * /unsubscribe?token=} (the confirmation page) for a token signed with the live secret, then the
 * suppression list is read for that token's shop and address, and misses.
 *
 * <p>Why it is safe at deployment time: a GET never writes (the page only offers the one-click button,
 * so link scanners unsubscribe nobody), and a valid token's GET is neither logged nor counted. The token
 * names a shop that can never exist (only {@code *.myshopify.com} shops are stored) and an address at
 * {@code .invalid}; it is not kept, and the suppression read for it misses.
 */
final class UnsubscribePriming {

    static final OrderKey ORDER = new OrderKey("doorstep-snapstart-priming.invalid", "PRIMING");
    // Any well-formed digest does for priming (it is never stored); no key is at hand here.
    static final EmailDigest EMAIL = EmailDigest.unkeyedSha256("priming@doorstep-snapstart-priming.invalid");

    private UnsubscribePriming() {
    }

    static APIGatewayV2HTTPResponse prime(UnsubscribeFunction handler, UnsubscribeTokens tokens,
            SuppressionList suppressions) {
        APIGatewayV2HTTPResponse page = handler.handleRequest(get(tokens.issue(new UnsubscribeToken(ORDER, EMAIL))),
                null);
        suppressions.find(ORDER.shop(), EMAIL);
        return page;
    }

    static APIGatewayV2HTTPEvent get(String token) {
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath("/unsubscribe")
                .withQueryStringParameters(Map.of("token", token))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET")
                                .withPath("/unsubscribe").build())
                        .build())
                .build();
    }
}
