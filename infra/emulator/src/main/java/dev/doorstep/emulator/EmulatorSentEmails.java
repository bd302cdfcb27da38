package dev.doorstep.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads sent mail back from the emulator's own inspection endpoint: moto's
 * {@code /moto-api/data.json} ({@code ses.Message}, {@code ses.RawMessage}) or LocalStack's
 * {@code /_aws/ses}.
 */
final class EmulatorSentEmails implements SentEmails {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI endpoint;

    EmulatorSentEmails(URI endpoint) {
        this.endpoint = endpoint;
    }

    static SentEmails probe(URI endpoint) {
        return new EmulatorSentEmails(endpoint);
    }

    @Override
    public List<SentEmail> all() {
        JsonNode moto = get("/moto-api/data.json");
        if (moto != null && moto.has("ses")) {
            return fromMoto(moto.path("ses"));
        }
        JsonNode localstack = get("/_aws/ses");
        if (localstack != null) {
            return fromLocalStack(localstack);
        }
        throw new IllegalStateException("the emulator at " + endpoint + " offers no way to read sent mail");
    }

    private static List<SentEmail> fromMoto(JsonNode ses) {
        List<SentEmail> mails = new ArrayList<>();
        for (JsonNode m : ses.path("Message")) {
            List<String> to = new ArrayList<>();
            m.path("destinations").path("ToAddresses").forEach(a -> to.add(a.asText()));
            mails.add(new SentEmail(m.path("id").asText(), m.path("source").asText(), to,
                    m.path("subject").asText(), m.path("body").asText(), null, Map.of()));
        }
        for (JsonNode m : ses.path("RawMessage")) {
            mails.add(raw(m.path("id").asText(), m.path("source").asText(), m.path("destinations"),
                    m.path("raw_data").asText()));
        }
        return mails;
    }

    private static List<SentEmail> fromLocalStack(JsonNode root) {
        List<SentEmail> mails = new ArrayList<>();
        for (JsonNode m : root.path("messages")) {
            if (m.hasNonNull("RawData")) {
                mails.add(raw(m.path("Id").asText(), m.path("Source").asText(), m.path("Destination"),
                        m.path("RawData").asText()));
                continue;
            }
            List<String> to = new ArrayList<>();
            m.path("Destination").path("ToAddresses").forEach(a -> to.add(a.asText()));
            String body = m.path("Body").path("text_part").asText(m.path("Body").path("html_part").asText());
            mails.add(new SentEmail(m.path("Id").asText(), m.path("Source").asText(), to,
                    m.path("Subject").asText(), body, null, Map.of()));
        }
        return mails;
    }

    private static SentEmail raw(String id, String source, JsonNode destinations, String raw) {
        LinkedHashSet<String> to = new LinkedHashSet<>();
        destinations.forEach(a -> to.add(a.asText()));
        Map<String, String> headers = MimeHeaders.parse(raw);
        return new SentEmail(id, source, List.copyOf(to), headers.getOrDefault("Subject", ""), MimeHeaders.body(raw),
                raw, headers);
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(endpoint.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
