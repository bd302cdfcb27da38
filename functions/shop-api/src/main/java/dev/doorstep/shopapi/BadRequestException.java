package dev.doorstep.shopapi;

/** A request the shop API refuses with 400, naming the field at fault (or null for the whole body). */
final class BadRequestException extends RuntimeException {

    private final String field;

    BadRequestException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    String field() {
        return field;
    }
}
