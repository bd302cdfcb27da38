package dev.doorstep.merchantpage;

import static dev.doorstep.lambda.Quiet.silently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doorstep.core.model.Shop;
import dev.doorstep.core.model.ShopSettings;
import dev.doorstep.core.sending.ProductPages;
import dev.doorstep.core.sending.ReviewRequestComposer;
import dev.doorstep.lambda.Json;
import dev.doorstep.shopify.InvalidSessionTokenException;
import dev.doorstep.shopify.SessionTokenVerifier;
import dev.doorstep.store.DynamoDbOrderStore;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SnapStart priming of the merchant page runs at deployment time: it must make no AWS call and no Shopify
 * call (the store and the product pages here count every call, and would fail one: nothing listens on their
 * endpoint), and print not one log or metric line.
 */
class MerchantPagePrimingTest {

    static final String CLIENT_ID = "doorstep-test-client";
    static final String SECRET = "doorstep-test-secret";

    final AtomicInteger awsCalls = new AtomicInteger();
    final AtomicInteger productPageLookups = new AtomicInteger();
    final SessionTokenVerifier verifier = new SessionTokenVerifier(CLIENT_ID, SECRET, Clock.systemUTC(),
            SessionTokenVerifier.DEFAULT_LEEWAY);
    final MerchantPageHtml page = new MerchantPageHtml(CLIENT_ID, false);

    @Test
    void primingVerifiesATokenRendersThePageAndComposesAPreviewWithoutOneAwsOrShopifyCallOrLogLine() {
        ProductPages pages = (shop, ids) -> {
            productPageLookups.incrementAndGet();
            return Map.of();
        };
        EmailPreview preview = new EmailPreview(new EmailPreviewOrder(new DynamoDbOrderStore(countingDynamo(),
                "doorstep-priming-test")), ReviewRequestComposer.forPreviews(pages));

        silently(() -> {
            MerchantPagePriming.prime(verifier, page, preview);
            return null;
        });

        assertThat(awsCalls).hasValue(0);
        assertThat(productPageLookups).hasValue(0);
    }

    @Test
    void thePrimingTokenPassesEveryCheckOfAVerifierOfItsSecretAndNoneOfTheApps() {
        String secret = "a throwaway secret";
        String token = MerchantPagePriming.token(secret, Instant.now());

        assertThat(new SessionTokenVerifier(MerchantPagePriming.CLIENT_ID, secret, Clock.systemUTC(),
                SessionTokenVerifier.DEFAULT_LEEWAY).verify(token).shop()).isEqualTo(MerchantPagePriming.SHOP);
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidSessionTokenException.class)
                .hasMessageEndingWith("bad signature");
    }

    @Test
    void thePrimingDraftIsATemplateTheSettingsAcceptAndItsPreviewUsesIt() throws Exception {
        var draft = Json.MAPPER.readTree(MerchantPagePriming.DRAFT);
        var answer = new EmailPreview(null, ReviewRequestComposer.forPreviews(ProductPages.NONE)).of(
                Shop.installed(ShopSettings.defaults(MerchantPagePriming.SHOP)), draft, EmailPreviewOrder.sample(MerchantPagePriming.SHOP));

        assertThat(answer.path("subject").asText()).isEqualTo("How was Trail Running Shoe, Ada Lovelace?");
        assertThat(answer.path("sample").asBoolean()).isTrue();
    }

    /** A DynamoDB client that counts every call; its endpoint has nothing listening, so a call also fails. */
    DynamoDbClient countingDynamo() {
        return DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:9")).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        awsCalls.incrementAndGet();
                    }
                })).build();
    }
}
