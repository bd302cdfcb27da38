package dev.doorstep.core.intake;

import dev.doorstep.core.port.AfterShipCredentialStore;
import dev.doorstep.core.port.CustomerDataExports;
import dev.doorstep.core.port.OrderStore;
import dev.doorstep.core.port.ReviewRequestScheduler;
import dev.doorstep.core.port.ShopStore;
import dev.doorstep.core.port.TrackingErasure;
import dev.doorstep.core.shopify.ShopifyAccessTokenErasure;
import java.time.Clock;

/**
 * Does a queued privacy request. Each kind is safe to run again after a crash half way (a redacted
 * order stays redacted, a deleted one stays deleted), which is what a queue's redelivery does.
 */
public final class PrivacyWork {

    private final CustomerPrivacy customers;
    private final ShopLifecycle shops;

    public PrivacyWork(ShopStore shops, OrderStore orders, AfterShipCredentialStore credentials,
            ShopifyAccessTokenErasure shopifyTokens, ReviewRequestScheduler scheduler, CustomerDataExports exports,
            TrackingErasure trackings, Clock clock) {
        this.customers = new CustomerPrivacy(orders, scheduler, exports, trackings, clock);
        this.shops = new ShopLifecycle(shops, orders, credentials, shopifyTokens, scheduler, clock);
    }

    public IntakeResult carryOut(PrivacyRequest request) {
        return switch (request.kind()) {
            case CUSTOMER_REDACT -> customers.redact(request.shop(), request.customerId(), request.orderIds());
            case CUSTOMER_DATA_REQUEST -> customers.dataRequest(request.shop(), request.customerId(),
                    request.orderIds(), request.requestedAt());
            case SHOP_REDACT -> shops.redact(request.shop());
        };
    }
}
