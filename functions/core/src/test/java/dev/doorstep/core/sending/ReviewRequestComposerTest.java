package dev.doorstep.core.sending;

import static dev.doorstep.core.sending.SendingFixtures.COMPOSER;
import static dev.doorstep.core.sending.SendingFixtures.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.EmailTemplate;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.Shop;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReviewRequestComposerTest {

    private final Order order = SendingFixtures.scheduledOrder("1001", "ana@example.com");

    @Test
    @DisplayName("the default wording names the customer, the products, the shop and a review link")
    void defaultWording() {
        ReviewRequestEmail email = COMPOSER.compose(SendingFixtures.shop(), order);

        assertThat(email.subject()).isEqualTo("How was your order from acme-tea?");
        assertThat(email.text()).contains("Hi Ana Lima,", "Green Tea and Teapot",
                "https://acme-tea.myshopify.com/");
        assertThat(email.html()).contains("<a href=\"https://acme-tea.myshopify.com/\">");
        assertThat(email.to()).isEqualTo("ana@example.com");
        assertThat(email.fromName()).isEqualTo("acme-tea");
    }

    @Test
    @DisplayName("every substituted value and the merchant's own text are HTML-escaped in the HTML part")
    void escaping() {
        Order hostile = order.toBuilder()
                .customer(new Customer("c", "<script>alert(1)</script>", "ana@example.com", null))
                .lineItems(List.of(new LineItem("p", "Tea & \"Cups\" <b>")))
                .build();
        Shop shop = shopWith(new EmailTemplate("Hi {customer_name}\r\nBcc: evil@x", "<i>Dear</i> {customer_name},\n"
                + "you bought {products}.\n\nReview: {review_url}", "https://reviews.example/?a=1&b=2"));

        ReviewRequestEmail email = COMPOSER.compose(shop, hostile);

        assertThat(email.html()).doesNotContain("<script>", "<i>", "<b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;i&gt;Dear&lt;/i&gt;",
                        "Tea &amp; &quot;Cups&quot; &lt;b&gt;", "href=\"https://reviews.example/?a=1&amp;b=2\"");
        assertThat(email.text()).contains("<script>alert(1)</script>", "Tea & \"Cups\" <b>");
        assertThat(email.subject()).doesNotContain("\r", "\n").startsWith("Hi <script>");
    }

    @Test
    @DisplayName("a review link that is not a valid http(s) URL falls back to the storefront")
    void unsafeReviewLink() {
        for (String bad : new String[] {"javascript:alert(1)", "https://x.example/\"><script>"}) {
            ReviewRequestEmail email = COMPOSER.compose(shopWith(new EmailTemplate(null, null, bad)), order);
            assertThat(email.html()).doesNotContain("javascript:", "<script>")
                    .contains("https://acme-tea.myshopify.com/");
        }
    }

    @Test
    @DisplayName("the unsubscribe link carries a token for this shop, order and customer, never the address")
    void unsubscribeLink() {
        ReviewRequestEmail email = COMPOSER.compose(SendingFixtures.shop(), order);

        String query = email.unsubscribeUrl().getRawQuery();
        assertThat(email.unsubscribeUrl().toString()).startsWith("https://api.doorstep.example/unsubscribe?token=")
                .doesNotContain("ana");
        UnsubscribeToken token = TOKENS.verify(URLDecoder.decode(query.substring("token=".length()),
                StandardCharsets.UTF_8));
        assertThat(token.order()).isEqualTo(order.key());
        assertThat(token.email()).isEqualTo(TOKENS.digester().of("ana@example.com"))
                .isNotEqualTo(EmailDigest.unkeyedSha256("ana@example.com"));
        assertThat(email.unsubscribeMailto().toString()).startsWith("mailto:unsubscribe@doorstep.example?subject=");
        assertThat(email.text()).contains(email.unsubscribeUrl().toString());
        assertThat(email.toString()).doesNotContain("ana@example.com");
    }

    @Test
    @DisplayName("products read naturally, however many there are")
    void productList() {
        assertThat(ReviewRequestComposer.products(List.of())).isEqualTo("your order");
        assertThat(ReviewRequestComposer.products(items("A"))).isEqualTo("A");
        assertThat(ReviewRequestComposer.products(items("A", "B", "A"))).isEqualTo("A and B");
        assertThat(ReviewRequestComposer.products(items("A", "B", "C"))).isEqualTo("A, B and C");
        assertThat(ReviewRequestComposer.products(items("A", "B", "C", "D", "E"))).isEqualTo("A, B, C and 2 more");
    }

    @Test
    @DisplayName("a customer without a name is greeted as 'there'")
    void anonymousGreeting() {
        Order noName = order.toBuilder().customer(new Customer("c", " ", "ana@example.com", null)).build();
        assertThat(COMPOSER.compose(SendingFixtures.shop(), noName).text()).startsWith("Hi there,");
    }

    private static List<LineItem> items(String... titles) {
        return java.util.Arrays.stream(titles).map(t -> new LineItem(t, t)).toList();
    }

    @Test
    @DisplayName("a preview is the composed email with an inert unsubscribe link in place of the customer's")
    void preview() {
        Shop shop = shopWith(new EmailTemplate("{customer_name}, how was {products}?", null,
                "https://reviews.example/?a=1&b=2"));
        ReviewRequestEmail sent = COMPOSER.compose(shop, order);

        ReviewRequestEmail preview = ReviewRequestComposer.forPreviews(ProductPages.NONE).preview(shop, order);

        String real = sent.unsubscribeUrl().toString();
        String inert = ReviewRequestComposer.PREVIEW_UNSUBSCRIBE.toString();
        assertThat(preview.subject()).isEqualTo(sent.subject()).isEqualTo("Ana Lima, how was Green Tea and Teapot?");
        assertThat(preview.text()).isEqualTo(sent.text().replace(real, inert)).doesNotContain("token=");
        assertThat(preview.html()).isEqualTo(sent.html().replace(real.replace("&", "&amp;"), inert))
                .doesNotContain("token=");
        assertThat(preview.unsubscribeUrl().getHost()).endsWith(".invalid");
        assertThat(preview.unsubscribeMailto()).isNull();
        Order noEmail = order.toBuilder().customer(new Customer("c", "Ana Lima", null, null)).build();
        assertThat(COMPOSER.preview(shop, noEmail).subject()).isEqualTo(sent.subject());
    }

    private static Shop shopWith(EmailTemplate template) {
        return Shop.installed(SendingFixtures.shop().settings().toBuilder().emailTemplate(template).build());
    }
}
