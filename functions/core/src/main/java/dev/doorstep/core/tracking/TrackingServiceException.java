package dev.doorstep.core.tracking;

/** Reading from AfterShip failed; {@link #reason()} says whether trying later can help. */
public final class TrackingServiceException extends RuntimeException {

    private final TrackingFailure reason;

    public TrackingServiceException(TrackingFailure reason, String detail) {
        super(reason.description() + (detail == null ? "" : ": " + detail));
        this.reason = reason;
    }

    public TrackingFailure reason() {
        return reason;
    }
}
