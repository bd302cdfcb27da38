package dev.doorstep.sending;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the SnapStart priming tests of this module share besides silence (dev.doorstep.lambda.Quiet). */
final class PrimingChecks {

    private PrimingChecks() {
    }

    /** Every item of the table (a Scan is fine in a test; the product never scans). */
    static List<Map<String, AttributeValue>> items(DynamoDbClient dynamo, String table) {
        return dynamo.scan(b -> b.tableName(table).consistentRead(true)).items();
    }
}
