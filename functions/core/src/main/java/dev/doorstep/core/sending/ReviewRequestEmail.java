package dev.doorstep.core.sending;

import dev.doorstep.core.model.OrderKey;
import java.net.URI;
import java.util.Objects;

/**
 * One composed review request, ready for a {@link Mailer}.
 *
 * @param fromName the display name of the sender (the shop's name)
 * @param unsubscribeUrl the one-click (RFC 8058) HTTPS unsubscribe link, token included
 * @param unsubscribeMailto an optional {@code mailto:} alternative, or null
 * @param replyTo the shop's contact address (from Shopify), where a customer's reply goes, or null
 */
public record ReviewRequestEmail(OrderKey order, String to, String fromName, String subject, String text,
        String html, URI unsubscribeUrl, URI unsubscribeMailto, String replyTo) {

    public ReviewRequestEmail(OrderKey order, String to, String fromName, String subject, String text,
            String html, URI unsubscribeUrl, URI unsubscribeMailto) {
        this(order, to, fromName, subject, text, html, unsubscribeUrl, unsubscribeMailto, null);
    }

    public ReviewRequestEmail {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(unsubscribeUrl, "unsubscribeUrl");
    }

    /** Withholds the address and the wording (they name the customer): ids only, safe for logs. */
    @Override
    public String toString() {
        return "ReviewRequestEmail[order=" + order + ", personal data withheld]";
    }
}
