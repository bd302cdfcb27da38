package dev.doorstep.core.port;

import dev.doorstep.core.intake.FulfillmentFact;
import java.time.Instant;

/**
 * Where a backfill reads a shop's fulfilled orders from: Shopify's Admin API in production (orders with
 * {@code fulfillment_status=shipped}, paged), a stand-in in tests. Each order comes as its initial
 * fulfillment, as the webhooks would have brought it.
 */
public interface OrderSource {

    /** One page of the shop's orders fulfilled at or after {@code since}; {@code cursor} null for the first. */
    Page<FulfillmentFact> fulfilledSince(String shop, Instant since, String cursor);
}
