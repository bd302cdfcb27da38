package dev.doorstep.core.delivery;

/** How Doorstep learned about a delivery: the 12-hourly poll (the seed's way) or AfterShip's webhook. */
public enum DeliverySource {
    POLL,
    WEBHOOK
}
