package dev.doorstep.store;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * THE table (docs/table.md): keys, the sparse index {@value #GSI1}, the customer index {@value #GSI2}, the TTL attribute and the
 * stream. Tests, the local runtime and the template check all build it from here.
 */
public final class DoorstepTable {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1 = "gsi1";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    /** The customer index: an order's keys by {@code CUSTOMER#{shop}#{customerId}} (privacy requests). */
    public static final String GSI2 = "gsi2";
    public static final String GSI2_PK = "gsi2pk";
    public static final String GSI2_SK = "gsi2sk";
    /** TTL, epoch seconds. */
    public static final String EXPIRES_AT = "expiresAt";
    /** {@code SHOP}, {@code ORDER}, {@code FALLBACK}, ... : what stream filters select on. */
    public static final String TYPE = "type";
    public static final String STATUS = "status";
    public static final String VERSION = "version";

    public static final String TYPE_SHOP = "SHOP";
    public static final String TYPE_ORDER = "ORDER";
    public static final String TYPE_FALLBACK = "FALLBACK";
    public static final String TYPE_RECEIPT = "RECEIPT";
    public static final String TYPE_SUPPRESSION = "SUPPRESSION";
    public static final String TYPE_AFTERSHIP_CREDENTIALS = "AFTERSHIP_CREDENTIALS";
    public static final String TYPE_TRACKING = "TRACKING";
    public static final String TYPE_DATA_EXPORT = "DATA_EXPORT";
    public static final String TYPE_BACKFILL_OFFER = "BACKFILL_OFFER";

    public static final StreamViewType STREAM_VIEW = StreamViewType.NEW_AND_OLD_IMAGES;
    public static final BillingMode BILLING = BillingMode.PAY_PER_REQUEST;

    private DoorstepTable() {
    }

    public static List<AttributeDefinition> attributeDefinitions() {
        return List.of(string(PK), string(SK), string(GSI1_PK), string(GSI1_SK), string(GSI2_PK), string(GSI2_SK));
    }

    public static List<KeySchemaElement> keySchema() {
        return List.of(key(PK, KeyType.HASH), key(SK, KeyType.RANGE));
    }

    public static GlobalSecondaryIndex gsi1() {
        return GlobalSecondaryIndex.builder().indexName(GSI1)
                .keySchema(key(GSI1_PK, KeyType.HASH), key(GSI1_SK, KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    /** Keys only: a privacy request needs the customer's order ids, then reads each order. */
    public static GlobalSecondaryIndex gsi2() {
        return GlobalSecondaryIndex.builder().indexName(GSI2)
                .keySchema(key(GSI2_PK, KeyType.HASH), key(GSI2_SK, KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                .build();
    }

    public static CreateTableRequest createTableRequest(String name) {
        return CreateTableRequest.builder().tableName(name)
                .billingMode(BILLING)
                .attributeDefinitions(attributeDefinitions())
                .keySchema(keySchema())
                .globalSecondaryIndexes(gsi1(), gsi2())
                .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(STREAM_VIEW).build())
                .build();
    }

    /**
     * Creates the table, waits until it is active and switches TTL on ({@value #EXPIRES_AT}); point-in-time
     * recovery is the template's business (emulators ignore it).
     *
     * @return the stream ARN
     */
    public static String create(DynamoDbClient dynamo, String name) {
        String streamArn = dynamo.createTable(createTableRequest(name)).tableDescription().latestStreamArn();
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(name));
        dynamo.updateTimeToLive(b -> b.tableName(name)
                .timeToLiveSpecification(t -> t.attributeName(EXPIRES_AT).enabled(true)));
        return streamArn;
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
