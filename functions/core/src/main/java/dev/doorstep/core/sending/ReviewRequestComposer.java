package dev.doorstep.core.sending;

import dev.doorstep.core.model.EmailTemplate;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.Shop;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the review request of one order from the shop's template (or the default wording): a
 * subject, a text part and an HTML part. Every value put into a placeholder is escaped in the HTML
 * part, and the merchant's own wording is treated as text, never as markup.
 */
public final class ReviewRequestComposer {

    public static final String DEFAULT_SUBJECT = "How was your order from {shop_name}?";
    public static final String DEFAULT_BODY = """
            Hi {customer_name},

            Thank you for ordering {products} from {shop_name}. We hope it arrived safely and that you are enjoying it.

            Would you take a minute to tell other shoppers what you think? Leave a review here: {review_url}

            Thank you,
            {shop_name}""";

    /** The default wording for an order of several products whose pages are known: one link per product. */
    public static final String DEFAULT_BODY_PER_PRODUCT = """
            Hi {customer_name},

            Thank you for ordering {products} from {shop_name}. We hope it arrived safely and that you are enjoying it.

            Would you take a minute to tell other shoppers what you think? Leave a review of each product here:
            {product_links}

            Thank you,
            {shop_name}""";
    /** In a review link template, the product's storefront page, e.g. {@code {product_url}#reviews}. */
    public static final String PRODUCT_URL = "{product_url}";
    /**
     * The unsubscribe link of a {@linkplain #preview preview}: a reserved {@code .invalid} host (RFC 2606)
     * that resolves nowhere, and no token, so it can unsubscribe nobody.
     */
    public static final URI PREVIEW_UNSUBSCRIBE = URI.create("https://unsubscribe.invalid/preview-only");

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{(customer_name|shop_name|products|review_url|product_links)}");
    private static final int PRODUCTS_NAMED = 3;
    private static final int MAX_SUBJECT = 200;

    private final UnsubscribeTokens tokens;
    private final URI unsubscribeEndpoint;
    private final String unsubscribeMailbox;
    private final ProductPages productPages;

    /**
     * @param unsubscribeEndpoint the public HTTPS URL of {@code /unsubscribe}
     * @param unsubscribeMailbox an address that accepts unsubscribe emails, or null for none
     */
    public ReviewRequestComposer(UnsubscribeTokens tokens, URI unsubscribeEndpoint, String unsubscribeMailbox) {
        this(tokens, unsubscribeEndpoint, unsubscribeMailbox, ProductPages.NONE);
    }

    /**
     * @param productPages where the order's products live, for per-product review links ({@code {product_url}}
     *     in the review link, {@code {product_links}} in the body)
     */
    public ReviewRequestComposer(UnsubscribeTokens tokens, URI unsubscribeEndpoint, String unsubscribeMailbox,
            ProductPages productPages) {
        this.productPages = Objects.requireNonNull(productPages, "productPages");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.unsubscribeEndpoint = Objects.requireNonNull(unsubscribeEndpoint, "unsubscribeEndpoint");
        if (!"https".equalsIgnoreCase(unsubscribeEndpoint.getScheme())
                && !"http".equalsIgnoreCase(unsubscribeEndpoint.getScheme())) {
            throw new IllegalArgumentException("the unsubscribe endpoint must be an http(s) URL");
        }
        this.unsubscribeMailbox = unsubscribeMailbox == null || unsubscribeMailbox.isBlank() ? null
                : unsubscribeMailbox.trim();
    }

    /**
     * A composer for {@linkplain #preview previews} only, where the unsubscribe secret is not at hand (the
     * merchant's page): its tokens are signed with a throwaway random secret, so even {@link #compose} could
     * write no link that the unsubscribe endpoint accepts.
     */
    public static ReviewRequestComposer forPreviews(ProductPages productPages) {
        byte[] throwaway = new byte[32];
        new java.security.SecureRandom().nextBytes(throwaway);
        return new ReviewRequestComposer(new UnsubscribeTokens(throwaway), PREVIEW_UNSUBSCRIBE, null, productPages);
    }

    /**
     * The keyed digest the order's unsubscribe link carries, so the suppression that link records is
     * the one the sender looks up.
     */
    public EmailDigest customerDigest(Order order) {
        return tokens.digester().of(order.customer().email());
    }

    /** @throws IllegalArgumentException when the order has no customer email (check before composing) */
    public ReviewRequestEmail compose(Shop shop, Order order) {
        if (!order.customer().hasEmail()) {
            throw new IllegalArgumentException("order " + order.key() + " has no customer email");
        }
        String token = tokens.issue(new UnsubscribeToken(order.key(), customerDigest(order)));
        URI unsubscribe = URI.create(unsubscribeEndpoint + (unsubscribeEndpoint.getRawQuery() == null ? "?" : "&")
                + "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        URI mailto = unsubscribeMailbox == null ? null
                : URI.create("mailto:" + unsubscribeMailbox + "?subject=unsubscribe%20"
                        + URLEncoder.encode(token, StandardCharsets.UTF_8));
        return write(shop, order, order.customer().email().trim(), unsubscribe, mailto);
    }

    /**
     * The email {@link #compose} would write for this order, for the merchant to look at: the same subject,
     * text and HTML, but no unsubscribe token is issued. Its unsubscribe link is {@link #PREVIEW_UNSUBSCRIBE},
     * so a preview never holds a link that would unsubscribe a real customer; an order without an email
     * address is previewed too (its {@code to} is empty).
     */
    public ReviewRequestEmail preview(Shop shop, Order order) {
        String to = order.customer().hasEmail() ? order.customer().email().trim() : "";
        return write(shop, order, to, PREVIEW_UNSUBSCRIBE, null);
    }

    private ReviewRequestEmail write(Shop shop, Order order, String to, URI unsubscribe, URI mailto) {
        EmailTemplate template = shop.settings().emailTemplate();
        String subjectTemplate = template != null && hasText(template.subject()) ? template.subject() : DEFAULT_SUBJECT;
        List<ProductLink> links = productLinks(shop.domain(), template, order.lineItems());
        String bodyTemplate = template != null && hasText(template.body()) ? template.body()
                : links.size() > 1 ? DEFAULT_BODY_PER_PRODUCT : DEFAULT_BODY;
        String shopName = shop.displayName(); // Shopify's name when we know it
        Map<String, String> values = Map.of(
                "customer_name", hasText(order.customer().name()) ? order.customer().name().trim() : "there",
                "shop_name", shopName,
                "products", products(order.lineItems()),
                "review_url", links.isEmpty() ? reviewUrl(template, shop.domain()) : links.getFirst().url(),
                "product_links", links.isEmpty() ? reviewUrl(template, shop.domain()) : ProductLink.text(links));
        Map<String, String> html = Map.of("product_links", links.isEmpty()
                ? link(reviewUrl(template, shop.domain())) : ProductLink.html(links));

        String subject = headerSafe(fill(subjectTemplate, values, Map.of(), false));
        String text = fill(bodyTemplate, values, Map.of(), false)
                + "\n\n--\nNo more review requests from " + shopName + ": " + unsubscribe + "\n";
        String htmlPart = html(bodyTemplate, values, html, shopName, unsubscribe);
        return new ReviewRequestEmail(order.key(), to, shopName, subject, text, htmlPart, unsubscribe, mailto,
                shop.replyTo());
    }

    private static String html(String bodyTemplate, Map<String, String> values, Map<String, String> html,
            String shopName, URI unsubscribe) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>"
                + "<body style=\"font-family:sans-serif;line-height:1.5\">\n");
        for (String paragraph : bodyTemplate.strip().split("\\R\\s*\\R")) {
            out.append("<p>").append(fill(paragraph.strip(), values, html, true).replaceAll("\\R", "<br>\n"))
                    .append("</p>\n");
        }
        out.append("<p style=\"font-size:small;color:#666\"><a href=\"")
                .append(HtmlText.escape(unsubscribe.toString())).append("\">No more review requests from ")
                .append(HtmlText.escape(shopName)).append("</a></p>\n</body></html>\n");
        return out.toString();
    }

    /**
     * Replaces the placeholders; with {@code asHtml} the template's own text and every value are escaped,
     * except the ready-made markup in {@code html} (built from escaped values).
     */
    private static String fill(String template, Map<String, String> values, Map<String, String> html,
            boolean asHtml) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String literal = template.substring(last, m.start());
            out.append(asHtml ? HtmlText.escape(literal) : literal);
            String name = m.group(1);
            String value = values.get(name);
            if (!asHtml) {
                out.append(value);
            } else if (html.containsKey(name)) {
                out.append(html.get(name));
            } else if (name.equals("review_url")) {
                out.append(link(value));
            } else {
                out.append(HtmlText.escape(value));
            }
            last = m.end();
        }
        String tail = template.substring(last);
        return out.append(asHtml ? HtmlText.escape(tail) : tail).toString();
    }

    private static String link(String url) {
        String escaped = HtmlText.escape(url);
        return "<a href=\"" + escaped + "\">" + escaped + "</a>";
    }

    /**
     * One review link per product whose page is known, in the order's order: the review link template with
     * {@value #PRODUCT_URL} replaced by the product's page, or the page itself when the shop set no review
     * link. A fixed review link (no {@value #PRODUCT_URL}) is the merchant's choice: no per-product links then.
     */
    private List<ProductLink> productLinks(String shop, EmailTemplate template, List<LineItem> items) {
        String reviewTemplate = template != null && hasText(template.reviewUrl()) ? template.reviewUrl().trim() : null;
        if (reviewTemplate != null && !reviewTemplate.contains(PRODUCT_URL)) {
            return List.of();
        }
        List<String> ids = items.stream().map(LineItem::productId).filter(ReviewRequestComposer::hasText).distinct()
                .toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, ProductPage> pages;
        try {
            pages = productPages.find(shop, ids);
        } catch (RuntimeException e) {
            pages = Map.of(); // best effort: the email goes out with the shop's review link
        }
        java.util.ArrayList<ProductLink> links = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (LineItem item : items) {
            ProductPage page = item.productId() == null ? null : pages.get(item.productId());
            if (page == null || !seen.add(item.productId()) || !isHttp(page.url())) {
                continue;
            }
            String url = reviewTemplate == null ? page.url().toString()
                    : reviewTemplate.replace(PRODUCT_URL, page.url().toString());
            if (isHttp(url)) {
                links.add(new ProductLink(hasText(item.title()) ? item.title().trim() : page.handle(), url,
                        isHttp(page.imageUrl()) ? page.imageUrl().toString() : null));
            }
        }
        return List.copyOf(links);
    }

    private static boolean isHttp(URI uri) {
        return uri != null && uri.getHost() != null
                && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
    }

    private static boolean isHttp(String url) {
        try {
            return isHttp(URI.create(url));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** "A", "A and B", "A, B and C", "A, B, C and 2 more"; "your order" when nothing is named. */
    static String products(List<LineItem> items) {
        List<String> titles = items.stream().map(LineItem::title).filter(ReviewRequestComposer::hasText)
                .map(String::trim).distinct().toList();
        if (titles.isEmpty()) {
            return "your order";
        }
        if (titles.size() == 1) {
            return titles.getFirst();
        }
        if (titles.size() <= PRODUCTS_NAMED) {
            return String.join(", ", titles.subList(0, titles.size() - 1)) + " and " + titles.getLast();
        }
        return String.join(", ", titles.subList(0, PRODUCTS_NAMED)) + " and " + (titles.size() - PRODUCTS_NAMED)
                + " more";
    }

    /** The shop's review page; only http(s) links are used, anything else falls back to the storefront. */
    private static String reviewUrl(EmailTemplate template, String shopDomain) {
        if (template != null && hasText(template.reviewUrl())) {
            try {
                URI uri = URI.create(template.reviewUrl().trim());
                if (("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                        && uri.getHost() != null) {
                    return uri.toString();
                }
            } catch (IllegalArgumentException e) {
                // fall through to the storefront: a broken link must not block the request
            }
        }
        return "https://" + shopDomain + "/";
    }

    /** "acme-tea.myshopify.com" reads as "acme-tea"; a custom domain stays as it is. */
    static String shopName(String domain) {
        String suffix = ".myshopify.com";
        return domain.endsWith(suffix) ? domain.substring(0, domain.length() - suffix.length()) : domain;
    }

    /** A subject is a header: no line breaks or control characters may reach the MIME writer. */
    private static String headerSafe(String subject) {
        String flat = subject.replaceAll("\\p{Cntrl}+", " ").strip();
        return flat.length() <= MAX_SUBJECT ? flat : flat.substring(0, MAX_SUBJECT);
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
