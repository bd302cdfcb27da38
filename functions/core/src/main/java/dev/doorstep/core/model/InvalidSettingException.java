package dev.doorstep.core.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Shop settings out of range: every bad field ({@link #errors()}), so that the shop API answers 400 with
 * all of them, and the first ({@link #field()}) for callers that name one.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private final List<FieldError> errors;

    public InvalidSettingException(String field, String reason) {
        this(List.of(new FieldError(field, reason)));
    }

    public InvalidSettingException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid setting names at least one field");
        }
        this.errors = List.copyOf(errors);
    }

    /** The first bad field. */
    public String field() {
        return errors.get(0).field();
    }

    /** The first bad field's reason, without the field's name. */
    public String reason() {
        return errors.get(0).reason();
    }

    /** Every bad field, in the order found; one entry per field. */
    public List<FieldError> errors() {
        return errors;
    }
}
