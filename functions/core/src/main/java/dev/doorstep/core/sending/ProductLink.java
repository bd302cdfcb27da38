package dev.doorstep.core.sending;

import java.util.List;
import java.util.stream.Collectors;

/** One product's review link in an email, with its title and image. */
record ProductLink(String title, String url, String imageUrl) {

    /** "Title: url", one per line. */
    static String text(List<ProductLink> links) {
        return links.stream().map(l -> l.title() + ": " + l.url()).collect(Collectors.joining("\n"));
    }

    /** One linked line per product (its image first when known); every value escaped. */
    static String html(List<ProductLink> links) {
        return links.stream().map(l -> {
            String url = HtmlText.escape(l.url());
            String image = l.imageUrl() == null ? "" : "<img src=\"" + HtmlText.escape(l.imageUrl())
                    + "\" alt=\"\" width=\"48\" height=\"48\" style=\"vertical-align:middle;margin-right:8px\">";
            return "<a href=\"" + url + "\">" + image + HtmlText.escape(l.title()) + "</a>";
        }).collect(Collectors.joining("<br>")); // the paragraph turns line breaks into <br> itself
    }
}
