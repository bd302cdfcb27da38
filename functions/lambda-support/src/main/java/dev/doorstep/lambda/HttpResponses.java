package dev.doorstep.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/** API Gateway HTTP API answers with a JSON body: {@code {"status":"...","reason":"..."}}. */
public final class HttpResponses {

    private HttpResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(JsonText.of(body))
                .build();
    }

    /** A 4xx/5xx (or "ignored" 200) with a short reason a developer can act on. */
    public static APIGatewayV2HTTPResponse status(int status, String outcome, String reason) {
        return json(status, Map.of("status", outcome, "reason", reason));
    }
}
