package dev.doorstep.local;

import java.util.Map;

/** What a local-only control route answers: a status, a JSON body, and for a 405 the methods it allows. */
record ControlAnswer(int status, Object body, String allow) {

    static ControlAnswer ok(Object body) {
        return new ControlAnswer(200, body, null);
    }

    static ControlAnswer badRequest(String reason) {
        return new ControlAnswer(400, Map.of("reason", reason), null);
    }

    static ControlAnswer methodNotAllowed(String allow) {
        return new ControlAnswer(405, Map.of("message", "Method Not Allowed", "allow", allow), allow);
    }

    static ControlAnswer notFound(String path) {
        return new ControlAnswer(404, Map.of("reason", "unknown local route " + path), null);
    }
}
