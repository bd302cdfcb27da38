package dev.doorstep.shopify;

/** A session token failed a check; the message names the check, never the token. Answer 401. */
public final class InvalidSessionTokenException extends RuntimeException {

    public InvalidSessionTokenException(String failedCheck) {
        super("session token " + failedCheck);
    }
}
