package dev.doorstep.shopapi;

/** What AfterShip said about a key. Reasons are AfterShip's words, never the key. */
public sealed interface KeyCheckResult {

    record Accepted() implements KeyCheckResult {
    }

    /** AfterShip refused the key: the merchant must paste another (400). */
    record Refused(String reason) implements KeyCheckResult {
    }

    /** AfterShip could not be asked (timeout, 5xx, rate limit): nothing is saved, try again later (503). */
    record Unreachable(String reason) implements KeyCheckResult {
    }
}
