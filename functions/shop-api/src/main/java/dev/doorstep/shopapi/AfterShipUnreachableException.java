package dev.doorstep.shopapi;

/** The AfterShip key could not be checked just now; the shop API answers 503 and saves nothing. */
final class AfterShipUnreachableException extends RuntimeException {

    AfterShipUnreachableException(String reason) {
        super(reason);
    }
}
