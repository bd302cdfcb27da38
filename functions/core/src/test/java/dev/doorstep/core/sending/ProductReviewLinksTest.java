package dev.doorstep.core.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.EmailTemplate;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProductReviewLinksTest {

    static final String SHOP = SendingFixtures.SHOP;
    static final ProductPages PAGES = (shop, ids) -> Map.of(
            "p1", new ProductPage("p1", "green-tea", URI.create("https://" + shop + "/products/green-tea"),
                    URI.create("https://cdn.shopify.com/green-tea.png")),
            "p2", new ProductPage("p2", "teapot", URI.create("https://" + shop + "/products/teapot"), null));

    private static ReviewRequestComposer composer(ProductPages pages) {
        return new ReviewRequestComposer(new UnsubscribeTokens(
                "a test secret that is long enough to sign with".getBytes(StandardCharsets.UTF_8)),
                URI.create("https://api.doorstep.example/unsubscribe"), null, pages);
    }

    private static Shop shop(EmailTemplate template) {
        return Shop.installed(ShopSettings.defaults(SHOP).toBuilder().emailTemplate(template).build());
    }

    @Test
    @DisplayName("known product pages: one review link per product, with the product's image in the HTML part")
    void perProductLinks() {
        Order order = SendingFixtures.scheduledOrder("1001", "ana@example.com");

        ReviewRequestEmail email = composer(PAGES).compose(shop(null), order);

        assertThat(email.text()).contains("Green Tea: https://" + SHOP + "/products/green-tea\n"
                + "Teapot: https://" + SHOP + "/products/teapot");
        assertThat(email.html()).contains("<a href=\"https://" + SHOP + "/products/teapot\">Teapot</a>")
                .contains("<img src=\"https://cdn.shopify.com/green-tea.png\"");
    }

    @Test
    @DisplayName("{product_url} in the review link template points each link at the product's review section")
    void productUrlPlaceholder() {
        Order order = SendingFixtures.scheduledOrder("1001", "ana@example.com");

        ReviewRequestEmail email = composer(PAGES).compose(shop(new EmailTemplate(null,
                "Review it: {review_url}", "{product_url}#judgeme_product_reviews")), order);

        assertThat(email.text()).startsWith("Review it: https://" + SHOP + "/products/green-tea#judgeme_product_reviews");
    }

    @Test
    @DisplayName("a fixed review link, or no pages known, keeps the shop-wide link")
    void fallbacks() {
        Order order = SendingFixtures.scheduledOrder("1001", "ana@example.com");

        assertThat(composer(PAGES).compose(shop(new EmailTemplate(null, "Go: {review_url}",
                "https://reviews.example/acme")), order).text()).startsWith("Go: https://reviews.example/acme\n");
        assertThat(composer(ProductPages.NONE).compose(shop(null), order).text())
                .contains("Leave a review here: https://" + SHOP + "/");
        ProductPages failing = (shop, ids) -> {
            throw new IllegalStateException("Shopify down");
        };
        assertThat(composer(failing).compose(shop(null), order).text())
                .contains("Leave a review here: https://" + SHOP + "/");
    }

    @Test
    @DisplayName("one product with a known page: the default wording's review link is that product's page")
    void singleProduct() {
        Order order = Order.received(SendingFixtures.scheduledOrder("1002", "ana@example.com").key(), "#1002",
                SendingFixtures.scheduledOrder("1002", "ana@example.com").fulfillment(),
                SendingFixtures.scheduledOrder("1002", "ana@example.com").customer(),
                List.of(new LineItem("p2", "Teapot")), SendingFixtures.FULFILLED);

        assertThat(composer(PAGES).compose(shop(null), order).text())
                .contains("Leave a review here: https://" + SHOP + "/products/teapot");
    }
}
