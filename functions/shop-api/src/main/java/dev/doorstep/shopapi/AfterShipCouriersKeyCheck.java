package dev.doorstep.shopapi;

import dev.doorstep.aftership.AfterShipClient;
import dev.doorstep.aftership.AfterShipResponse;
import dev.doorstep.aftership.ApiKey;

/**
 * Checks a key with the cheapest authenticated call AfterShip has, GET /couriers (the account's
 * couriers): it creates nothing and counts against no shipment quota.
 */
public final class AfterShipCouriersKeyCheck implements AfterShipKeyCheck {

    private final AfterShipClient aftership;

    public AfterShipCouriersKeyCheck(AfterShipClient aftership) {
        this.aftership = aftership;
    }

    @Override
    public KeyCheckResult check(String apiKey) {
        AfterShipResponse answer = aftership.listCouriers(new ApiKey(apiKey));
        if (answer.ok()) {
            return new KeyCheckResult.Accepted();
        }
        int status = answer.status();
        if (status == -1 || status == 429 || status >= 500) {
            return new KeyCheckResult.Unreachable("AfterShip did not answer the key check ("
                    + (status == -1 ? answer.message() : "HTTP " + status) + ")");
        }
        return new KeyCheckResult.Refused("AfterShip refused this API key (HTTP " + status
                + (answer.message() == null ? "" : ": " + answer.message()) + ")");
    }
}
