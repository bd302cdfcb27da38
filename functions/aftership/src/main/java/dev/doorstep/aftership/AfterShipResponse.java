package dev.doorstep.aftership;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One answer in AfterShip's envelope ({@code {"meta": {code, message, type}, "data": ...}}).
 * {@code status} is -1 when no answer came at all (timeouts, connection errors).
 */
public record AfterShipResponse(int status, int metaCode, String message, JsonNode data, Long rateLimitReset) {

    static AfterShipResponse noAnswer(String why) {
        return new AfterShipResponse(-1, -1, why, MissingNode.getInstance(), null);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    boolean retryable() {
        return status == -1 || status >= 500;
    }
}
