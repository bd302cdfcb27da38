package dev.doorstep.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.doorstep.core.model.Customer;
import dev.doorstep.core.model.Fulfillment;
import dev.doorstep.core.model.LineItem;
import dev.doorstep.core.model.Order;
import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.model.OrderStatus;
import dev.doorstep.core.timing.SendDecision;
import dev.doorstep.core.timing.TimingReason;
import dev.doorstep.store.OrderItemMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * The event publisher's SnapStart priming: a built-in stream record of an order's delivery being seen
 * and its request scheduled (a MODIFY, with both images as the table's mapper writes them), read by the
 * handler's own {@link OrderChange} into its facts, each made into the PutEvents entry the handler would
 * publish and measured as {@link BusPublisher} measures its batches.
 *
 * <p>Why it is safe at deployment time: it makes no AWS call at all. The entries are built and dropped,
 * never put on the bus (the bus has no read worth warming). Nothing is logged and no metric is counted.
 */
final class EventPublisherPriming {

    static final OrderKey ORDER = new OrderKey("doorstep-snapstart-priming.invalid", "PRIMING");
    private static final OrderItemMapper MAPPER = new OrderItemMapper();

    private EventPublisherPriming() {
    }

    /** @return the entries the handler would have published, for tests; nothing is sent */
    static List<PutEventsRequestEntry> prime(EventEntries entries) {
        List<PutEventsRequestEntry> built = OrderChange.read(record()).events().stream().map(entries::of).toList();
        built.forEach(EventEntries::size);
        return built;
    }

    static DynamodbEvent.DynamodbStreamRecord record() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        Instant delivered = at.plus(Duration.ofDays(2));
        Order waiting = Order.received(ORDER, "#PRIMING", new Fulfillment("1", at, "1ZPRIMING", "UPS", "US"),
                        Customer.anonymous(), List.of(new LineItem("1", "Priming")), at)
                .toBuilder().trackingId("priming").trackingAttempts(1).fallbackDeadline(at.plus(Duration.ofDays(60)))
                .build()
                .moveTo(OrderStatus.CREATING_TRACKING, "priming", at)
                .moveTo(OrderStatus.WAITING_FOR_DELIVERY, "priming", at);
        Instant sendAt = delivered.plus(Duration.ofDays(5));
        Order scheduled = waiting.toBuilder().deliveredAt(delivered).version(waiting.version() + 1).build()
                .schedule(new SendDecision(sendAt, TimingReason.DELIVERY_BASED, sendAt, false, "priming"), delivered);
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("MODIFY");
        record.setDynamodb(new StreamRecord().withOldImage(image(MAPPER.toItem(waiting)))
                .withNewImage(image(MAPPER.toItem(scheduled)))
                .withSequenceNumber("0"));
        return record;
    }

    /** An item as the store writes it, in the events library's shape (what the stream hands over). */
    private static Map<String, AttributeValue> image(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        item.forEach((name, value) -> image.put(name, streamValue(value)));
        return image;
    }

    private static AttributeValue streamValue(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        return switch (v.type()) {
            case S -> new AttributeValue().withS(v.s());
            case N -> new AttributeValue().withN(v.n());
            case BOOL -> new AttributeValue().withBOOL(v.bool());
            case M -> new AttributeValue().withM(image(v.m()));
            case L -> new AttributeValue().withL(v.l().stream().map(EventPublisherPriming::streamValue).toList());
            default -> new AttributeValue().withNULL(true);
        };
    }
}
