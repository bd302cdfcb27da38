package dev.doorstep.shopify;

import dev.doorstep.aftership.KmsApiKeyCipher;
import dev.doorstep.core.shopify.ShopifyAccessTokens;
import dev.doorstep.store.DoorstepTable;
import dev.doorstep.store.DynamoDbShopifyAccessTokenErasure;
import dev.doorstep.store.Keys;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The shop's offline access token as the {@code SHOPIFY_TOKEN} item under the shop: a KMS ciphertext
 * with the shop and the purpose {@code shopify-access-token} as encryption context, never clear text.
 * app/uninstalled deletes it ({@link DynamoDbShopifyAccessTokenErasure}, the webhook function), and shop/redact's
 * erase of everything under the shop would too.
 */
public final class KmsShopifyAccessTokens implements ShopifyAccessTokens {

    static final String TYPE = "SHOPIFY_TOKEN";

    private final DynamoDbClient dynamo;
    private final String table;
    private final KmsApiKeyCipher cipher;

    public KmsShopifyAccessTokens(DynamoDbClient dynamo, String table, KmsApiKeyCipher cipher) {
        this.dynamo = dynamo;
        this.table = table;
        this.cipher = cipher;
    }

    @Override
    public void save(String shop, String accessToken) {
        byte[] ciphertext = cipher.encryptShopifyAccessToken(shop, accessToken);
        Map<String, AttributeValue> item = new HashMap<>(Keys.shopifyAccessToken(shop));
        item.put(DoorstepTable.TYPE, AttributeValue.fromS(TYPE));
        item.put("accessToken", AttributeValue.fromB(SdkBytes.fromByteArray(ciphertext)));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Optional<String> find(String shop) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Keys.shopifyAccessToken(shop)))
                .item();
        if (item == null || !item.containsKey("accessToken")) {
            return Optional.empty();
        }
        return Optional.of(cipher.decryptShopifyAccessToken(shop, item.get("accessToken").b().asByteArray()));
    }

    @Override
    public void delete(String shop) {
        new DynamoDbShopifyAccessTokenErasure(dynamo, table).delete(shop);
    }
}
