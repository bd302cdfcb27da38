package dev.doorstep.core.port;

/**
 * Asks for a shop's backfill ({@code Backfill}) to run soon, away from the request that asked: reading weeks
 * of orders from Shopify can take longer than a merchant should wait for a page. In AWS a message on the
 * shop poll queue, taken by its worker.
 */
public interface BackfillRequests {

    /** Nobody takes the request: no backfill runs. */
    BackfillRequests NONE = shop -> { };

    void request(String shop);
}
