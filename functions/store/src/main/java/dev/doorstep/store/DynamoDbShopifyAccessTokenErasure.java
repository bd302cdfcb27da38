package dev.doorstep.store;

import dev.doorstep.core.shopify.ShopifyAccessTokenErasure;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Deletes the shop's {@code SHOPIFY_TOKEN} item: one DeleteItem by key, no KMS (the ciphertext just goes),
 * so the Shopify webhook function erases at app/uninstalled without any right to the token itself.
 * Deleting an item that is not there succeeds.
 */
public final class DynamoDbShopifyAccessTokenErasure implements ShopifyAccessTokenErasure {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbShopifyAccessTokenErasure(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void delete(String shop) {
        dynamo.deleteItem(b -> b.tableName(table).key(Keys.shopifyAccessToken(shop)));
    }
}
