package dev.doorstep.core.events;

import dev.doorstep.core.model.Customer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the customer out of event text. Reasons are written by Doorstep, but some quote an outside
 * service's message; whatever looks like an email address, and the customer's own email, phone and
 * name, are replaced before an event leaves.
 */
final class CustomerRedaction {

    /** Reasons are one sentence for a merchant; this bounds an event's size whatever a service said. */
    static final int MAX_REASON_LENGTH = 500;

    private static final Pattern EMAIL = Pattern.compile("[^\\s<>()\"',;:]+@[^\\s<>()\"',;:]+");

    private CustomerRedaction() {
    }

    static String scrub(String text, Customer customer) {
        if (text == null) {
            return null;
        }
        String out = EMAIL.matcher(text).replaceAll("[address]");
        out = without(out, customer.email(), 3, "[address]");
        out = without(out, customer.defaultAddressPhone(), 5, "[phone]");
        out = without(out, customer.name(), 2, "[customer]");
        return out.length() <= MAX_REASON_LENGTH ? out : out.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }

    /** Whole-word, case-insensitive: a short name must not eat parts of other words. */
    private static String without(String text, String value, int minLength, String replacement) {
        if (value == null || value.strip().length() < minLength) {
            return text;
        }
        Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(value.strip()) + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return p.matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
    }
}
