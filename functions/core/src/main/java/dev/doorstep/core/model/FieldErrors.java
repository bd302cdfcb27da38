package dev.doorstep.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Every bad field of one save, gathered so the merchant sees them all at once rather than one per save.
 * One error per field, the first found: a value out of range is not also told it breaks a rule between
 * fields.
 */
public final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    public void add(String field, String reason) {
        if (!has(field)) {
            errors.add(new FieldError(field, reason));
        }
    }

    public void addAll(InvalidSettingException e) {
        e.errors().forEach(error -> add(error.field(), error.reason()));
    }

    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** @throws InvalidSettingException naming every field gathered, when there is any */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidSettingException(errors);
        }
    }
}
