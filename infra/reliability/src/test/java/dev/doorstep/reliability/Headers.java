package dev.doorstep.reliability;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.Map;

/** Header edits on an API Gateway event, for the delivery builders of both webhooks. */
final class Headers {

    private Headers() {
    }

    /** Sets {@code name} (any case replaced) to {@code value}, or removes it when {@code value} is null. */
    static APIGatewayV2HTTPEvent header(APIGatewayV2HTTPEvent event, String name, String value) {
        Map<String, String> headers = new HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        if (value != null) {
            headers.put(name, value);
        }
        event.setHeaders(headers);
        return event;
    }
}
