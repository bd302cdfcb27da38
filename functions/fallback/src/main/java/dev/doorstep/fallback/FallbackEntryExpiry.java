package dev.doorstep.fallback;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import dev.doorstep.core.model.OrderKey;
import java.util.Map;

/**
 * Reads one stream record as "DynamoDB's TTL deleted this order's FALLBACK entry", or says why it is
 * not one. The template's filter should only let those through; this checks again, because a user's
 * delete of the same item (an order moving on removes its entry) must never send anything.
 */
record FallbackEntryExpiry(OrderKey order, String ignoredBecause) {

    static final String TTL_PRINCIPAL = "dynamodb.amazonaws.com";

    static FallbackEntryExpiry read(DynamodbEvent.DynamodbStreamRecord record) {
        if (!"REMOVE".equals(record.getEventName())) {
            return ignored("not a deletion (" + record.getEventName() + ")");
        }
        Identity identity = record.getUserIdentity();
        if (identity == null || !"Service".equals(identity.getType())
                || !TTL_PRINCIPAL.equals(identity.getPrincipalId())) {
            return ignored("deleted by a caller, not by TTL");
        }
        Map<String, AttributeValue> old = record.getDynamodb() == null ? null : record.getDynamodb().getOldImage();
        if (old == null || !"FALLBACK".equals(text(old, "type"))) {
            return ignored("not a FALLBACK entry");
        }
        String shop = text(old, "shop");
        String orderId = text(old, "orderId");
        if (shop == null || shop.isBlank() || orderId == null || orderId.isBlank()) {
            return ignored("the FALLBACK entry names no order");
        }
        return new FallbackEntryExpiry(new OrderKey(shop, orderId), null);
    }

    private static FallbackEntryExpiry ignored(String why) {
        return new FallbackEntryExpiry(null, why);
    }

    private static String text(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null ? null : value.getS();
    }
}
