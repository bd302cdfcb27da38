package dev.doorstep.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.lambda.JsonLog;
import dev.doorstep.lambda.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the SnapStart priming tests of this module check: silence, and the table as it was. */
final class PrimingChecks {

    private PrimingChecks() {
    }

    /** Runs the priming with the log and the metrics captured, and checks it printed nothing at all. */
    static <T> T silently(Supplier<T> priming) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        JsonLog.redirect(capture);
        Metrics.redirect(capture);
        try {
            return priming.get();
        } finally {
            JsonLog.redirect(System.out);
            Metrics.redirect(System.out);
            assertThat(printed.toString(StandardCharsets.UTF_8)).as("log and metric lines").isEmpty();
        }
    }

    /** Every item of the table (a Scan is fine in a test; the product never scans). */
    static List<Map<String, AttributeValue>> items(DynamoDbClient dynamo, String table) {
        return dynamo.scan(b -> b.tableName(table).consistentRead(true)).items();
    }
}
