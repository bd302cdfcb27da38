package dev.doorstep.core.model;

/** A shop setting out of range; names the field so that the shop API can answer 400 with it. */
public final class InvalidSettingException extends IllegalArgumentException {

    private final String field;

    public InvalidSettingException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
