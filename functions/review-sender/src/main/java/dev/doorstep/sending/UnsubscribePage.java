package dev.doorstep.sending;

/**
 * The small pages a customer sees after clicking "unsubscribe": a confirmation with a one-click
 * button (a GET never unsubscribes by itself, because mail scanners follow links), and the result.
 */
final class UnsubscribePage {

    private UnsubscribePage() {
    }

    /** The button posts the RFC 8058 body to the same URL, so browsers and mail clients share one path. */
    static String confirm(String tokenQuery) {
        return page("Unsubscribe from review requests?", "<p>You will get no more review requests from this shop.</p>"
                + "<form method=\"post\" action=\"?" + escape(tokenQuery) + "\">"
                + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<button type=\"submit\">Unsubscribe</button></form>");
    }

    static String done() {
        return page("You are unsubscribed", "<p>You will get no more review requests from this shop.</p>");
    }

    static String invalid(String reason) {
        return page("This unsubscribe link does not work", "<p>" + escape(reason)
                + ". Please use the link from the email exactly as it is.</p>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width\"><meta name=\"robots\" content=\"noindex\"><title>" + escape(title)
                + "</title></head><body style=\"font-family:sans-serif;max-width:32em;margin:3em auto\"><h1>"
                + escape(title) + "</h1>" + body + "</body></html>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
