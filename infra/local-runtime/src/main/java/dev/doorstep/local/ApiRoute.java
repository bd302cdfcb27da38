package dev.doorstep.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One HTTP API route as template.yaml declares it ({@code "PUT /shops/{shop}/settings"}) and the
 * function behind it.
 */
record ApiRoute(String method, String pathTemplate, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function) {

    String routeKey() {
        return method + " " + pathTemplate;
    }

    /** The path parameters when {@code path} matches this route's template. */
    Optional<Map<String, String>> match(String requestMethod, String path) {
        if (!method.equalsIgnoreCase(requestMethod)) {
            return Optional.empty();
        }
        String[] want = pathTemplate.split("/");
        String[] got = path.split("/");
        if (want.length != got.length) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                params.put(want[i].substring(1, want[i].length() - 1),
                        java.net.URLDecoder.decode(got[i], java.nio.charset.StandardCharsets.UTF_8));
            } else if (!want[i].equals(got[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }
}
