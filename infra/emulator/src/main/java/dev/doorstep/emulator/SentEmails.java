package dev.doorstep.emulator;

import java.util.List;

/** Reads back what the emulated SES sent. */
@FunctionalInterface
public interface SentEmails {

    List<SentEmail> all();

    default List<SentEmail> to(String recipient) {
        return all().stream().filter(m -> m.to().stream().anyMatch(recipient::equalsIgnoreCase)).toList();
    }
}
