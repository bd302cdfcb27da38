package dev.doorstep.core.intake;

/** A backfill offer cannot make the asked move now (declining one that is already being taken in). */
public final class BackfillConflictException extends RuntimeException {

    public BackfillConflictException(String message) {
        super(message);
    }
}
