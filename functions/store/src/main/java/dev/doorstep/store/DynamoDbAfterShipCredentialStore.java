package dev.doorstep.store;

import dev.doorstep.core.port.AfterShipCredentialStore;
import dev.doorstep.core.port.AfterShipCredentials;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The {@code AFTERSHIP} item of a shop: KMS ciphertexts as binary attributes, never clear text. */
public final class DynamoDbAfterShipCredentialStore implements AfterShipCredentialStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbAfterShipCredentialStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<AfterShipCredentials> find(String shop) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(shop))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue secret = item.get("webhookSecret");
        return Optional.of(new AfterShipCredentials(item.get("apiKey").b().asByteArray(),
                secret == null ? null : secret.b().asByteArray()));
    }

    @Override
    public void save(String shop, AfterShipCredentials credentials) {
        Map<String, AttributeValue> item = new HashMap<>(key(shop));
        item.put(DoorstepTable.TYPE, AttributeValue.fromS(DoorstepTable.TYPE_AFTERSHIP_CREDENTIALS));
        item.put("apiKey", AttributeValue.fromB(SdkBytes.fromByteArray(credentials.apiKey())));
        if (credentials.webhookSecret() != null) {
            item.put("webhookSecret", AttributeValue.fromB(SdkBytes.fromByteArray(credentials.webhookSecret())));
        }
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public void delete(String shop) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(shop)));
    }

    private static Map<String, AttributeValue> key(String shop) {
        return Map.of(DoorstepTable.PK, AttributeValue.fromS(Keys.shopPk(shop)),
                DoorstepTable.SK, AttributeValue.fromS("AFTERSHIP"));
    }
}
