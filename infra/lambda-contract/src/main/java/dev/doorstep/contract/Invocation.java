package dev.doorstep.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One invocation through RIE: its HTTP status (200 even when the function failed, as Lambda's Invoke
 * API answers), the function's response or error document, and the log lines written meanwhile.
 */
public record Invocation(int status, String response, String logs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The runtime client reports an unhandled exception as {"errorMessage", "errorType", "stackTrace"}. */
    public boolean failed() {
        try {
            JsonNode node = JSON.readTree(response);
            return node != null && node.isObject() && node.has("errorType") && node.has("errorMessage");
        } catch (JsonProcessingException notJson) {
            return false;
        }
    }
}
