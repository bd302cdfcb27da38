package dev.doorstep.shopapi;

/**
 * Asks AfterShip whether a pasted API key works, before it is saved (the seed's FAQ 2: a wrong key
 * leaves every order "Waiting for delivery" for ever; we refuse it at the door instead).
 */
public interface AfterShipKeyCheck {

    KeyCheckResult check(String apiKey);
}
