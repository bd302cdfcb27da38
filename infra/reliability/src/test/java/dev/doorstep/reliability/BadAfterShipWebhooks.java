package dev.doorstep.reliability;

import static dev.doorstep.reliability.AfterShipDeliveries.EVENT_ID;
import static dev.doorstep.reliability.AfterShipDeliveries.SECRET;
import static dev.doorstep.reliability.AfterShipDeliveries.SHOP;
import static dev.doorstep.reliability.AfterShipDeliveries.SIGNATURE;
import static dev.doorstep.reliability.AfterShipDeliveries.TRACKING_ID;
import static dev.doorstep.reliability.AfterShipDeliveries.body;
import static dev.doorstep.reliability.AfterShipDeliveries.hmac;
import static dev.doorstep.reliability.AfterShipDeliveries.sample;
import static dev.doorstep.reliability.AfterShipDeliveries.shop;
import static dev.doorstep.reliability.AfterShipDeliveries.sign;
import static dev.doorstep.reliability.AfterShipDeliveries.signed;
import static dev.doorstep.reliability.AfterShipDeliveries.signedBytes;
import static dev.doorstep.reliability.Headers.header;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.doorstep.lambda.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The bad-request corpus for AfterShipWebhookFunction, generated from events/aftership-webhook: each
 * case is the sample Delivered event (which WOULD move acme-tea's order 1001 to "Will send") changed in
 * one way, with the answer the function must give. None may write anything but, for a 200 "ignored",
 * the receipt of its event id.
 *
 * <p>What the function answers (its code; reference/aftership.md §7): body over 1 MiB 413 before
 * anything else; a body marked base64 that is not 400; {@code ?shop=} missing 400, not a myshopify.com
 * domain 400; content type other than application/json 415; a shop without AfterShip credentials, one
 * without a webhook secret and an {@code aftership-hmac-sha256} that is not base64(HMAC-SHA256(raw body,
 * the shop's secret)) all the same 401 (which shops use the app is not told); then strict JSON (UTF-8, no trailing tokens or duplicate keys) with a string
 * {@code event_id} and a {@code msg} with a string {@code id}, else 400. A signed, well-formed event
 * that cannot move one of this shop's orders is 200 "ignored" (AfterShip must not retry it): a tag
 * other than Delivered/Expired (the event code itself does not matter), no or a non-Shopify order id,
 * no such order, another shop in {@code custom_fields.doorstep_shop}, another tracking than the order's.
 *
 * @param category for the report's count by category
 * @param status the exact HTTP status expected
 * @param outcome the answer's {@code status} field
 * @param reason a fragment the answer's {@code reason} must contain
 */
record BadAfterShipWebhooks(String category, String name, Supplier<APIGatewayV2HTTPEvent> event, int status,
        String outcome, String reason) {

    static final int MAX_BODY = 1024 * 1024;
    static final String WRONG_SECRET = "reliability-webhook-secret-wrong";

    @Override
    public String toString() {
        return category + ": " + name;
    }

    static List<BadAfterShipWebhooks> all() {
        List<BadAfterShipWebhooks> cases = new ArrayList<>();
        signatures(cases);
        missing(cases);
        contentTypes(cases);
        sizes(cases);
        brokenJson(cases);
        wrongTypes(cases);
        oddUnicode(cases);
        shops(cases);
        unknownTrackings(cases);
        unknownTags(cases);
        base64(cases);
        return cases;
    }

    private static void add(List<BadAfterShipWebhooks> cases, String category, String name, int status,
            String outcome, String reason, Supplier<APIGatewayV2HTTPEvent> event) {
        cases.add(new BadAfterShipWebhooks(category, name, event, status, outcome, reason));
    }

    private static void badSignature(List<BadAfterShipWebhooks> cases, String name,
            Supplier<APIGatewayV2HTTPEvent> event) {
        add(cases, "signature", name, 401, "bad-signature", "signature does not match", event);
    }

    private static void malformed(List<BadAfterShipWebhooks> cases, String category, String name, String reason,
            Supplier<APIGatewayV2HTTPEvent> event) {
        add(cases, category, name, 400, "malformed", reason, event);
    }

    private static void ignored(List<BadAfterShipWebhooks> cases, String category, String name, String reason,
            Supplier<APIGatewayV2HTTPEvent> event) {
        add(cases, category, name, 200, "ignored", reason, event);
    }

    /** Wrong, flipped, truncated, re-encoded signatures; bodies changed after signing; the wrong header. */
    private static void signatures(List<BadAfterShipWebhooks> cases) {
        String b = body();
        byte[] bytes = b.getBytes(StandardCharsets.UTF_8);
        String good = sign(bytes, SECRET);
        byte[] raw = Base64.getDecoder().decode(good);
        String urlSafe = Base64.getUrlEncoder().encodeToString(raw);
        if (urlSafe.equals(good)) {
            throw new IllegalStateException("the sample's signature reads the same in both alphabets; pick another");
        }
        badSignature(cases, "signed with another secret", () -> header(sample(), SIGNATURE, sign(bytes, WRONG_SECRET)));
        badSignature(cases, "signed with another shop's secret",
                () -> header(sample(), SIGNATURE, sign(bytes, AfterShipWebhookTable.OTHER_SECRET)));
        badSignature(cases, "acme-tea's signature on other-tea's URL",
                () -> shop(sample(), AfterShipWebhookTable.OTHER_SHOP));
        badSignature(cases, "signed with the secret in upper case",
                () -> header(sample(), SIGNATURE, sign(bytes, SECRET.toUpperCase(Locale.ROOT))));
        badSignature(cases, "signed with the secret and a newline",
                () -> header(sample(), SIGNATURE, sign(bytes, SECRET + "\n")));
        badSignature(cases, "first bit flipped", () -> header(sample(), SIGNATURE, flip(raw, 0)));
        badSignature(cases, "last bit flipped", () -> header(sample(), SIGNATURE, flip(raw, raw.length - 1)));
        badSignature(cases, "hex instead of base64",
                () -> header(sample(), SIGNATURE, HexFormat.of().formatHex(raw)));
        badSignature(cases, "truncated to 20 characters", () -> header(sample(), SIGNATURE, good.substring(0, 20)));
        badSignature(cases, "not base64", () -> header(sample(), SIGNATURE, "%%%%not-base64%%%%"));
        badSignature(cases, "URL-safe base64 alphabet", () -> header(sample(), SIGNATURE, urlSafe));
        badSignature(cases, "sha256= prefix", () -> header(sample(), SIGNATURE, "sha256=" + good));
        badSignature(cases, "the header twice, comma-joined", () -> header(sample(), SIGNATURE, good + "," + good));
        badSignature(cases, "HMAC-SHA1 instead of HMAC-SHA256", () -> header(sample(), SIGNATURE,
                Base64.getEncoder().encodeToString(hmac("HmacSHA1", bytes, SECRET))));
        badSignature(cases, "HMAC-SHA512 instead of HMAC-SHA256", () -> header(sample(), SIGNATURE,
                Base64.getEncoder().encodeToString(hmac("HmacSHA512", bytes, SECRET))));
        badSignature(cases, "plain SHA-256 of the body, no secret", () -> header(sample(), SIGNATURE,
                Base64.getEncoder().encodeToString(sha256(bytes))));
        badSignature(cases, "the signature of an empty body", () -> header(sample(), SIGNATURE,
                sign(new byte[0], SECRET)));
        badSignature(cases, "order id changed after signing", () -> {
            var e = sample();
            e.setBody(body("\"order_id\":\"1001\"", "\"order_id\":\"1002\""));
            return e;
        });
        badSignature(cases, "a space appended after signing", () -> {
            var e = sample();
            e.setBody(e.getBody() + " ");
            return e;
        });
        badSignature(cases, "pretty-printed after signing (same JSON, other bytes)", () -> {
            var e = sample();
            e.setBody(pretty(e.getBody()));
            return e;
        });
        badSignature(cases, "signed over ISO-8859-1 bytes, not UTF-8", () -> {
            String umlauts = body("Delivered, front door", "Zugestellt, Haustür");
            var e = sample();
            e.setBody(umlauts);
            return header(e, SIGNATURE, sign(umlauts.getBytes(StandardCharsets.ISO_8859_1), SECRET));
        });
        for (String other : List.of("as-signature-hmac-sha256", "x-aftership-hmac-sha256", "aftership-hmac-sha1")) {
            badSignature(cases, "the signature under " + other, () -> header(header(sample(), SIGNATURE, null), other,
                    good));
        }
    }

    private static String flip(byte[] raw, int index) {
        byte[] copy = raw.clone();
        copy[index] ^= 1;
        return Base64.getEncoder().encodeToString(copy);
    }

    /** The signature header, the headers, the {@code ?shop=} parameter missing. */
    private static void missing(List<BadAfterShipWebhooks> cases) {
        String c = "missing";
        add(cases, c, "no aftership-hmac-sha256", 401, "bad-signature", "signature", () -> header(sample(), SIGNATURE,
                null));
        add(cases, c, "blank aftership-hmac-sha256", 401, "bad-signature", "signature",
                () -> header(sample(), SIGNATURE, "  "));
        add(cases, c, "no headers at all", 415, "content-type", "application/json", () -> {
            var e = sample();
            e.setHeaders(null);
            return e;
        });
        add(cases, c, "empty header map", 415, "content-type", "application/json", () -> {
            var e = sample();
            e.setHeaders(Map.of());
            return e;
        });
        add(cases, c, "no query string", 400, "missing", "?shop=", () -> shop(sample(), null));
        add(cases, c, "a query without shop", 400, "missing", "?shop=", () -> {
            var e = sample();
            e.setQueryStringParameters(Map.of("store", SHOP));
            return e;
        });
        add(cases, c, "blank shop", 400, "missing", "?shop=", () -> shop(sample(), "   "));
        add(cases, c, "empty shop", 400, "missing", "?shop=", () -> shop(sample(), ""));
        add(cases, c, "the shop in a header, not the query", 400, "missing", "?shop=",
                () -> header(shop(sample(), null), "x-shop-domain", SHOP));
    }

    private static void contentTypes(List<BadAfterShipWebhooks> cases) {
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/jsonp", "application/json-patch+json", "json",
                "text/json", "application/octet-stream", "*/*", "application/json-seq", "  ", ";", "; charset=utf-8")) {
            add(cases, "content type", "content-type '" + type + "'", 415, "content-type", "application/json",
                    () -> header(sample(), "content-type", type));
        }
        add(cases, "content type", "no content-type", 415, "content-type", "application/json",
                () -> header(sample(), "content-type", null));
    }

    private static void sizes(List<BadAfterShipWebhooks> cases) {
        String c = "size";
        String padded = body("Delivered, front door", "x".repeat(MAX_BODY));
        add(cases, c, "signed body over 1 MiB", 413, "too-large", "bytes", () -> signed(padded));
        add(cases, c, "unsigned body of 3 MiB", 413, "too-large", "bytes", () -> {
            var e = sample();
            e.setBody("y".repeat(3 * MAX_BODY));
            return e;
        });
        add(cases, c, "signed base64 body decoding to over 1 MiB", 413, "too-large", "bytes",
                () -> signedBytes(padded.getBytes(StandardCharsets.UTF_8)));
        add(cases, c, "1 MiB + 1 of two-byte characters, signed", 413, "too-large", "bytes",
                () -> signed(body("Delivered, front door", "é".repeat(MAX_BODY / 2 + 1))));
        add(cases, c, "over 1 MiB without ?shop=: size first", 413, "too-large", "bytes",
                () -> shop(signed(padded), null));
        add(cases, c, "over 1 MiB for an unknown shop: size first", 413, "too-large", "bytes",
                () -> shop(signed(padded), "stranger.myshopify.com"));
        malformed(cases, c, "arrays nested 5000 deep, signed", "JSON",
                () -> signed("[".repeat(5000) + "]".repeat(5000)));
        malformed(cases, c, "objects nested 3000 deep, signed", "JSON",
                () -> signed("{\"a\":".repeat(3000) + "1" + "}".repeat(3000)));
        malformed(cases, c, "checkpoints nested 2000 deep, signed", "JSON", () -> signed(body("\"checkpoints\":[",
                "\"checkpoints\":" + "[".repeat(2000) + "]".repeat(2000) + ",\"x\":[")));
        malformed(cases, c, "a 2000-digit ts, signed", "JSON",
                () -> signed(body("\"ts\":1772960400", "\"ts\":" + "9".repeat(2000))));
    }

    /** Truncations of the sample and malformed documents, all correctly signed. */
    private static void brokenJson(List<BadAfterShipWebhooks> cases) {
        String c = "broken JSON";
        String b = body();
        int msg = b.indexOf("\"msg\":") + "\"msg\":".length();
        for (int cut : new int[] {1, b.length() / 4, msg, b.length() / 2, b.length() * 3 / 4, b.length() - 1}) {
            malformed(cases, c, "truncated to " + cut + " chars", "not JSON", () -> signed(b.substring(0, cut)));
        }
        List<String> documents = List.of("", " ", "null", "true", "42", "\"a string\"", "[]", "[" + b + "]", "{", "}",
                "{'event_id': 'x'}", "{event_id: \"x\"}", "{\"event_id\":NaN}", "{\"a\"::1}", "<xml>not json</xml>",
                b + ",", b + " trailing", b + b, b + " // a comment", "/* a comment */" + b, "\u0000" + b, b + "\u0000",
                b.replaceFirst(",", ",,"), b.replace("\"ts\":1772960400", "\"ts\":+1772960400"),
                b.replace("{\"event\":", "{\"event_id\":\"another-id\",\"event\":"));
        for (int i = 0; i < documents.size(); i++) {
            String doc = documents.get(i);
            malformed(cases, c, "malformed #" + i, "JSON", () -> signed(doc));
        }
    }

    /** The fields the function reads, each given a value of the wrong type (correctly signed). */
    private static void wrongTypes(List<BadAfterShipWebhooks> cases) {
        String c = "wrong type";
        String eventId = "\"event_id\":\"" + EVENT_ID + "\"";
        for (String to : List.of("\"event_id\":{}", "\"event_id\":[]", "\"event_id\":null", "\"event_id\":\"\"",
                "\"event_id\":\"   \"", "\"event_id\":42", "\"event_id\":true", "\"event_id\":[\"" + EVENT_ID + "\"]",
                "\"eventid\":\"" + EVENT_ID + "\"", "\"event_id\":\"" + "e".repeat(5000) + "\"",
                "\"event_id\":\"3f645f5e 1f2b\"")) {
            change(cases, c, eventId, to, 400, "malformed", "event_id");
        }
        for (String to : List.of("\"msg\":\"a tracking\",\"x\":{", "\"msg\":[],\"x\":{", "\"msg\":42,\"x\":{",
                "\"msg\":null,\"x\":{", "\"message\":{")) {
            change(cases, c, "\"msg\":{", to, 400, "malformed", "msg");
        }
        String id = "\"id\":\"" + TRACKING_ID + "\"";
        for (String to : List.of("\"id\":{}", "\"id\":[]", "\"id\":null", "\"id\":\"\"", "\"id\":\" \"",
                "\"tracking_id\":\"" + TRACKING_ID + "\"")) {
            change(cases, c, id, to, 400, "malformed", "msg");
        }
        // a tracking id is only compared with the order's, never a key: read leniently, and it is not the order's
        for (String to : List.of("\"id\":42", "\"id\":true", "\"id\":\"" + "k".repeat(5000) + "\"")) {
            change(cases, c, id, to, 200, "ignored", "not the tracking");
        }
        String orderId = "\"order_id\":\"1001\"";
        for (String to : List.of("\"order_id\":{}", "\"order_id\":[\"1001\"]", "\"order_id\":null", "\"order_id\":\"\"",
                "\"order_id\":\"null\"", "\"order_ref\":\"1001\"")) {
            change(cases, c, orderId, to, 200, "ignored", "names no order");
        }
        for (String to : List.of("\"order_id\":true", "\"order_id\":1001.5", "\"order_id\":\"abc\"",
                "\"order_id\":\"1001 \"", "\"order_id\":\"-1001\"", "\"order_id\":\"1e3\"",
                "\"order_id\":\"" + "1".repeat(25) + "\"", "\"order_id\":\"" + "1".repeat(5000) + "\"")) {
            change(cases, c, orderId, to, 200, "ignored", "not a Shopify order id");
        }
        String tag = "\"tag\":\"Delivered\",\"subtag\":\"Delivered_001\",\"subtag_message\"";
        for (String value : List.of("42", "{}", "[]", "true", "null")) {
            change(cases, c, tag, tag.replace("\"Delivered\",", value + ","), 200, "ignored",
                    "does not change the timing");
        }
        change(cases, c, tag, tag.replace("\"tag\"", "\"tags\""), 200, "ignored", "does not change the timing");
        String shopInBody = "\"doorstep_shop\":\"" + SHOP + "\"";
        for (String to : List.of("\"doorstep_shop\":42", "\"doorstep_shop\":true")) {
            change(cases, c, shopInBody, to, 200, "ignored", "another shop");
        }
    }

    private static void change(List<BadAfterShipWebhooks> cases, String category, String from, String to,
            int status, String outcome, String reason) {
        String changed = body(from, to);
        String name = from + " -> " + (to.length() > 60 ? to.substring(0, 40) + "...(" + to.length() + " chars)" : to);
        add(cases, category, name, status, outcome, reason, () -> signed(changed));
    }

    /** Invalid UTF-8, other encodings, and look-alike, invisible and direction characters where ids are read. */
    private static void oddUnicode(List<BadAfterShipWebhooks> cases) {
        String c = "odd unicode";
        byte[][] invalid = {
            {(byte) 0xC3},                                              // a cut two-byte sequence
            {(byte) 0xC0, (byte) 0xAF},                                 // an overlong '/'
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},                    // a lone surrogate
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // a five-byte sequence
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},       // beyond U+10FFFF
        };
        for (int i = 0; i < invalid.length; i++) {
            byte[] bad = invalid[i];
            malformed(cases, c, "invalid UTF-8 #" + i + " in a checkpoint message (base64, signed)", "UTF-8",
                    () -> signedBytes(splice(body(), "front door", bad)));
        }
        malformed(cases, c, "the sample in UTF-16LE with a byte order mark, signed", "UTF-8",
                () -> signedBytes(concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                        body().getBytes(StandardCharsets.UTF_16LE))));
        malformed(cases, c, "the sample in UTF-16BE, signed", "JSON",
                () -> signedBytes(body().getBytes(StandardCharsets.UTF_16BE)));
        malformed(cases, c, "the sample in UTF-32, signed", "JSON",
                () -> signedBytes(body().getBytes(java.nio.charset.Charset.forName("UTF-32"))));
        malformed(cases, c, "emoji for a body, signed", "JSON", () -> signed("\uD83D\uDCE6\uD83D\uDE9A"));
        String eventId = "\"event_id\":\"" + EVENT_ID + "\"";
        for (String odd : List.of("\\ud800", "\\u0000", EVENT_ID + "\u200b", "\u202e" + EVENT_ID,
                "\uff13\uff46\uff16\uff14\uff15")) {
            change(cases, c, eventId, "\"event_id\":\"" + odd + "\"", 400, "malformed", "event_id");
        }
        String orderId = "\"order_id\":\"1001\"";
        for (String odd : List.of("\uff11\uff10\uff10\uff11", "\u0661\u0660\u0660\u0661", "1001\u200b",
                "\u202e1001", "\\ud800")) {
            change(cases, c, orderId, "\"order_id\":\"" + odd + "\"", 200, "ignored", "not a Shopify order id");
        }
        String id = "\"id\":\"" + TRACKING_ID + "\"";
        change(cases, c, id, "\"id\":\"" + TRACKING_ID + "\u200d\"", 200, "ignored", "not the tracking");
        change(cases, c, id, "\"id\":\"" + TRACKING_ID.replace('e', '\u0435').replace('o', '\u043e') + "\"", 200,
                "ignored", "not the tracking");
        String tag = "\"tag\":\"Delivered\",\"subtag\":\"Delivered_001\",\"subtag_message\"";
        for (String odd : List.of("Deliver\u0435d", "Delivered\u200b", "\uff24\uff45\uff4c\uff49\uff56\uff45\uff52"
                + "\uff45\uff44", "DEL\u0130VERED")) {
            change(cases, c, tag, tag.replace("\"Delivered\",", "\"" + odd + "\","), 200, "ignored",
                    "does not change the timing");
        }
        change(cases, c, "\"doorstep_shop\":\"" + SHOP + "\"", "\"doorstep_shop\":\"\u0430cme-tea.myshopify.com\"",
                200, "ignored", "another shop");
        for (String odd : List.of("\u0430cme-tea.myshopify.com", "acme\u200d-tea.myshopify.com",
                "\uff41\uff43\uff4d\uff45-tea.myshopify.com", "acme-tea.myshopify.com\u0000",
                "acme-tea.myshopify.com\u202e")) {
            add(cases, c, "?shop=" + escape(odd), 400, "bad-shop", "myshopify.com", () -> shop(sample(), odd));
        }
        add(cases, c, "?shop= in punycode (no such shop)", 401, "bad-signature", "signature does not match",
                () -> shop(sample(), "xn--cme-tea-9hb.myshopify.com"));
    }

    private static void shops(List<BadAfterShipWebhooks> cases) {
        String c = "shop";
        add(cases, c, "a shop without AfterShip credentials", 401, "bad-signature", "signature does not match",
                () -> shop(sample(), "stranger.myshopify.com"));
        add(cases, c, "a shop that saved no webhook secret", 401, "bad-signature", "signature does not match",
                () -> shop(sample(), AfterShipWebhookTable.NO_SECRET_SHOP));
        for (String domain : List.of("evil.example.com", "acme-tea.myshopify.com.evil.example",
                "acme-tea.myshopify.com/../admin", "acme tea.myshopify.com", "-acme-tea.myshopify.com",
                ".myshopify.com", "acme_tea.myshopify.com", "acme-tea.myshopify.com\r\nx-injected: 1",
                "https://acme-tea.myshopify.com",
                "acme-tea.myshopify.com:443", "acme-tea.myshopify.com," + AfterShipWebhookTable.OTHER_SHOP,
                "a".repeat(3000) + ".myshopify.com")) {
            add(cases, c, "?shop=" + escape(domain), 400, "bad-shop", "myshopify.com", () -> shop(sample(), domain));
        }
        ignored(cases, c, "other-tea's URL and secret, but acme-tea's tracking", "another shop",
                () -> shop(signed(body(), AfterShipWebhookTable.OTHER_SECRET), AfterShipWebhookTable.OTHER_SHOP));
    }

    private static void unknownTrackings(List<BadAfterShipWebhooks> cases) {
        String c = "unknown tracking";
        change(cases, c, "\"id\":\"" + TRACKING_ID + "\"", "\"id\":\"k5lh7dy7vvqeck71p5loe099\"", 200, "ignored",
                "not the tracking");
        change(cases, c, "\"order_id\":\"1001\"", "\"order_id\":\"999999\"", 200, "ignored", "no such order");
        change(cases, c, "\"doorstep_shop\":\"" + SHOP + "\"", "\"doorstep_shop\":\"stranger.myshopify.com\"", 200,
                "ignored", "another shop");
        change(cases, c, "\"doorstep_shop\":\"" + SHOP + "\"", "\"doorstep_shop\":\""
                + AfterShipWebhookTable.OTHER_SHOP + "\"", 200, "ignored", "another shop");
    }

    /** Tags that do not change the timing (the event code does not matter, only the tracking's tag). */
    private static void unknownTags(List<BadAfterShipWebhooks> cases) {
        String c = "unknown tag";
        String tag = "\"tag\":\"Delivered\",\"subtag\":\"Delivered_001\",\"subtag_message\"";
        for (String other : List.of("Pending", "InfoReceived", "InTransit", "OutForDelivery", "AttemptFail",
                "AvailableForPickup", "Exception", "Unknown", "Lost", "Returned", "")) {
            change(cases, c, tag, tag.replace("\"Delivered\",", "\"" + other + "\","), 200, "ignored",
                    "does not change the timing");
        }
        for (String event : List.of("edd_revise", "tracking_pending_time", "tracking.delivered")) {
            String body = body("\"event\":\"tracking_update\"", "\"event\":\"" + event + "\"")
                    .replace(tag, tag.replace("\"Delivered\",", "\"InTransit\","));
            ignored(cases, c, "event " + event + " on an InTransit tracking", "does not change the timing",
                    () -> signed(body));
        }
    }

    private static void base64(List<BadAfterShipWebhooks> cases) {
        String c = "base64";
        byte[] bytes = body().getBytes(StandardCharsets.UTF_8);
        add(cases, c, "the base64 flag on a body that is not base64", 400, "bad-encoding", "base64", () -> {
            var e = sample();
            e.setIsBase64Encoded(true);
            return e;
        });
        add(cases, c, "base64 in the URL-safe alphabet", 400, "bad-encoding", "base64", () -> {
            byte[] odd = {(byte) 0xfb, (byte) 0xff, 0x3e, 0x3f};
            var e = signedBytes(odd);
            e.setBody(Base64.getUrlEncoder().encodeToString(odd));
            return e;
        });
        add(cases, c, "MIME base64 with line breaks", 400, "bad-encoding", "base64", () -> {
            var e = signedBytes(bytes);
            e.setBody(Base64.getMimeEncoder().encodeToString(bytes));
            return e;
        });
        add(cases, c, "base64 with a stray character", 400, "bad-encoding", "base64", () -> {
            var e = signedBytes(bytes);
            e.setBody("*" + e.getBody());
            return e;
        });
        badSignatureIn(cases, c, "base64 signed over its text, not its bytes", () -> {
            var e = signedBytes(bytes);
            return header(e, SIGNATURE, sign(e.getBody().getBytes(StandardCharsets.UTF_8), SECRET));
        });
        badSignatureIn(cases, c, "a base64 body with the flag off", () -> {
            var e = signedBytes(bytes);
            e.setIsBase64Encoded(false);
            return e;
        });
        malformed(cases, c, "base64 of truncated JSON, signed", "not JSON",
                () -> signedBytes(Arrays.copyOf(bytes, bytes.length / 2)));
        malformed(cases, c, "base64 of gzip-compressed JSON, signed", "UTF-8", () -> signedBytes(gzip(bytes)));
        malformed(cases, c, "base64 of base64 of the sample, signed", "not JSON",
                () -> signedBytes(Base64.getEncoder().encode(bytes)));
    }

    private static void badSignatureIn(List<BadAfterShipWebhooks> cases, String category, String name,
            Supplier<APIGatewayV2HTTPEvent> event) {
        add(cases, category, name, 401, "bad-signature", "signature does not match", event);
    }

    private static byte[] splice(String body, String replaced, byte[] with) {
        int at = body.indexOf(replaced);
        if (at < 0) {
            throw new IllegalStateException("the sample no longer contains " + replaced);
        }
        return concat(body.substring(0, at).getBytes(StandardCharsets.UTF_8),
                concat(with, body.substring(at + replaced.length()).getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pretty(String json) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.MAPPER.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        var out = new ByteArrayOutputStream();
        try (var zip = new java.util.zip.GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Names stay printable and short (they end up in reports). */
    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(60).forEach(cp -> out.append(cp < 0x20 || cp > 0x7e ? String.format("\\u%04x", cp)
                : Character.toString(cp)));
        return s.length() > 60 ? out + "...(" + s.length() + " chars)" : out.toString();
    }
}
