package dev.doorstep.orderstream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.store.DoorstepTable;
import java.util.Map;

/**
 * Which logic a record of the table's stream is for, by the same tests as the event source mapping's
 * two filter patterns in template.yaml (OrderStreamFunction): one filter per route, OR'ed by Lambda.
 * Each handler checks its records again; this only decides where a record goes.
 */
enum OrderStreamRoute {

    /** An INSERTed order in CREATING_TRACKING: the tracking creator's. */
    TRACKING_CREATION,
    /** DynamoDB's TTL (not a caller) deleted a FALLBACK entry: the 60-day fallback's. */
    FALLBACK,
    /** Neither filter lets it through; it is left alone. */
    NEITHER;

    /** The principal of DynamoDB's own TTL deletions in the stream's userIdentity. */
    static final String TTL_PRINCIPAL = "dynamodb.amazonaws.com";

    static OrderStreamRoute of(DynamodbEvent.DynamodbStreamRecord record) {
        if (record.getDynamodb() == null) {
            return NEITHER;
        }
        if ("INSERT".equals(record.getEventName())) {
            Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
            return DoorstepTable.TYPE_ORDER.equals(text(image, DoorstepTable.TYPE))
                    && OrderStatus.CREATING_TRACKING.name().equals(text(image, DoorstepTable.STATUS))
                    ? TRACKING_CREATION : NEITHER;
        }
        if ("REMOVE".equals(record.getEventName())) {
            Identity identity = record.getUserIdentity();
            boolean byTtl = identity != null && "Service".equals(identity.getType())
                    && TTL_PRINCIPAL.equals(identity.getPrincipalId());
            return byTtl && DoorstepTable.TYPE_FALLBACK.equals(text(record.getDynamodb().getOldImage(), DoorstepTable.TYPE))
                    ? FALLBACK : NEITHER;
        }
        return NEITHER;
    }

    private static String text(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image == null ? null : image.get(name);
        return value == null ? null : value.getS();
    }
}
