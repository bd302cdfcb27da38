package dev.doorstep.orderstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.emulator.TableStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How the merged consumer answers a stream batch: each logic gets its own records only, in order, and
 * the answer names the earliest record either logic wants back, so Lambda retries it and everything
 * after it. The two logics here are stand-ins that fail the sequence numbers they are told to (their
 * real behaviour is OrderStreamFunctionTest's and their own modules' tests).
 */
class OrderStreamFailuresTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A logic that records what it was handed and wants back the records named in {@code fail}, in the given order. */
    static final class Logic implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
        final List<String> fail;
        final List<String> seen = new ArrayList<>();
        RuntimeException crash;

        Logic(String... fail) {
            this.fail = List.of(fail);
        }

        @Override
        public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
            event.getRecords().forEach(r -> seen.add(r.getDynamodb().getSequenceNumber()));
            if (crash != null) {
                throw crash;
            }
            return new StreamsEventResponse(fail.stream().map(StreamsEventResponse.BatchItemFailure::new).toList());
        }
    }

    /** t1 f2 t3 x4 f5 t6: t = an INSERTed order to track, f = a TTL-deleted FALLBACK entry, x = neither. */
    static DynamodbEvent batch() throws IOException {
        ObjectNode insert = (ObjectNode) JSON.readTree(Files.readString(
                ProjectRoot.find().resolve("events/order-stream/order-inserted.json"))).at("/Records/0");
        ObjectNode ttl = (ObjectNode) JSON.readTree(Files.readString(
                ProjectRoot.find().resolve("events/order-stream/ttl-remove.json"))).at("/Records/0");
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (String id : List.of("t1", "f2", "t3", "x4", "f5", "t6")) {
            ObjectNode record = (id.startsWith("f") ? ttl : insert).deepCopy();
            if (id.startsWith("x")) {
                record.put("eventName", "MODIFY");
            }
            ((ObjectNode) record.get("dynamodb")).put("SequenceNumber", id);
            records.add(record);
        }
        return TableStream.read(event.toString());
    }

    static List<String> answer(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @Test
    void eachLogicGetsItsOwnRecordsInStreamOrderAndNothingElse() throws IOException {
        Logic tracking = new Logic();
        Logic fallback = new Logic();

        StreamsEventResponse response = new OrderStreamFunction(tracking, fallback).handleRequest(batch(), null);

        assertThat(answer(response)).isEmpty();
        assertThat(tracking.seen).containsExactly("t1", "t3", "t6");
        assertThat(fallback.seen).containsExactly("f2", "f5");
    }

    @Test
    void theAnswerIsTheEarliestFailedRecordOfTheBatchWhicheverLogicFailedIt() throws IOException {
        // The tracking creator reports its failures in the order its shops finished, not stream order.
        StreamsEventResponse response = new OrderStreamFunction(new Logic("t6", "t3"), new Logic("f5"))
                .handleRequest(batch(), null);

        assertThat(answer(response)).containsExactly("t3");
    }

    @Test
    void aFallbackFailureBeforeTheTrackingOnesIsTheCheckpoint() throws IOException {
        StreamsEventResponse response = new OrderStreamFunction(new Logic("t6"), new Logic("f2"))
                .handleRequest(batch(), null);

        assertThat(answer(response)).containsExactly("f2");
    }

    @Test
    void aFailureNamingNoRecordOfTheBatchRetriesTheWholeBatch() throws IOException {
        StreamsEventResponse response = new OrderStreamFunction(new Logic("t6", "not-in-the-batch"), new Logic())
                .handleRequest(batch(), null);

        assertThat(answer(response)).containsExactly("t1");
    }

    @Test
    void aLogicThatThrowsFailsTheInvocationSoLambdaRetriesAndBisectsTheBatch() throws IOException {
        Logic fallback = new Logic();
        fallback.crash = new IllegalStateException("DynamoDB unreachable");

        assertThatThrownBy(() -> new OrderStreamFunction(new Logic(), fallback).handleRequest(batch(), null))
                .hasMessage("DynamoDB unreachable");
    }

    @Test
    void aBatchWithNothingForEitherLogicCallsNeither() throws IOException {
        Logic tracking = new Logic();
        Logic fallback = new Logic();
        DynamodbEvent event = batch();
        event.setRecords(event.getRecords().stream().filter(r -> Set.of("x4").contains(r.getDynamodb().getSequenceNumber()))
                .toList());

        assertThat(answer(new OrderStreamFunction(tracking, fallback).handleRequest(event, null))).isEmpty();
        assertThat(tracking.seen).isEmpty();
        assertThat(fallback.seen).isEmpty();
    }
}
