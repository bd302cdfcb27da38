package dev.doorstep.core.tracking;

import java.util.Locale;

/** AfterShip's delivery status ({@code tag}), the nine documented values plus one for anything new. */
public enum DeliveryTag {
    PENDING("Pending"),
    INFO_RECEIVED("InfoReceived"),
    IN_TRANSIT("InTransit"),
    OUT_FOR_DELIVERY("OutForDelivery"),
    ATTEMPT_FAIL("AttemptFail"),
    DELIVERED("Delivered"),
    AVAILABLE_FOR_PICKUP("AvailableForPickup"),
    EXCEPTION("Exception"),
    EXPIRED("Expired"),
    UNKNOWN("Unknown");

    private final String wire;

    DeliveryTag(String wire) {
        this.wire = wire;
    }

    /** The value on AfterShip's wire, e.g. {@code InTransit}. */
    public String wire() {
        return wire;
    }

    public static DeliveryTag fromWire(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        for (DeliveryTag tag : values()) {
            if (tag.wire.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
                return tag;
            }
        }
        return UNKNOWN;
    }
}
