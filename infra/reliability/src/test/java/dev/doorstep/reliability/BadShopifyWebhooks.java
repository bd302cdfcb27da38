package dev.doorstep.reliability;

import static dev.doorstep.reliability.Headers.header;
import static dev.doorstep.reliability.ShopifyDeliveries.SAMPLES;
import static dev.doorstep.reliability.ShopifyDeliveries.SECRET;
import static dev.doorstep.reliability.ShopifyDeliveries.body;
import static dev.doorstep.reliability.ShopifyDeliveries.sample;
import static dev.doorstep.reliability.ShopifyDeliveries.sign;
import static dev.doorstep.reliability.ShopifyDeliveries.signed;
import static dev.doorstep.reliability.ShopifyDeliveries.signedBytes;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * The bad-request corpus: every way we know a Shopify delivery can be wrong, generated from the
 * events/shopify-webhook samples. Each case says what the function must answer; none may write.
 *
 * @param status the exact answer expected
 * @param outcome {@code rejected} for a 4xx, {@code ignored} for a 200 Shopify must not retry
 */
record BadShopifyWebhooks(String name, Supplier<APIGatewayV2HTTPEvent> event, int status, String outcome) {

    static final int MAX_BODY = 1024 * 1024;

    @Override
    public String toString() {
        return name;
    }

    static List<BadShopifyWebhooks> all() {
        List<BadShopifyWebhooks> cases = new ArrayList<>();
        badSignatures(cases);
        missingHeaders(cases);
        contentTypes(cases);
        sizes(cases);
        brokenJson(cases);
        wrongTypes(cases);
        oddUnicode(cases);
        shops(cases);
        unknownTopics(cases);
        timestamps(cases);
        base64(cases);
        return cases;
    }

    private static void rejected(List<BadShopifyWebhooks> cases, String name, int status,
            Supplier<APIGatewayV2HTTPEvent> event) {
        cases.add(new BadShopifyWebhooks(name, event, status, "rejected"));
    }

    /** 8 samples x 7 wrong signatures. */
    private static void badSignatures(List<BadShopifyWebhooks> cases) {
        for (String s : SAMPLES) {
            byte[] bytes = body(s).getBytes(StandardCharsets.UTF_8);
            String good = sign(bytes, SECRET);
            rejected(cases, s + ": signed with another secret", 401,
                    () -> header(sample(s), "x-shopify-hmac-sha256", sign(bytes, "not-the-app-secret")));
            rejected(cases, s + ": one bit of the signature flipped", 401, () -> header(sample(s),
                    "x-shopify-hmac-sha256", flipFirstBit(good)));
            rejected(cases, s + ": signature as hex instead of base64", 401, () -> header(sample(s),
                    "x-shopify-hmac-sha256", HexFormat.of().formatHex(Base64.getDecoder().decode(good))));
            rejected(cases, s + ": signature truncated", 401, () -> header(sample(s), "x-shopify-hmac-sha256",
                    good.substring(0, 20)));
            rejected(cases, s + ": signature that is not base64", 401, () -> header(sample(s),
                    "x-shopify-hmac-sha256", "%%%%not-base64%%%%"));
            rejected(cases, s + ": body changed after signing (a byte appended)", 401, () -> {
                var e = sample(s);
                e.setBody(e.getBody() + " ");
                return e;
            });
            rejected(cases, s + ": signed with the secret in upper case", 401, () -> header(sample(s),
                    "x-shopify-hmac-sha256", sign(bytes, SECRET.toUpperCase(java.util.Locale.ROOT))));
        }
    }

    private static String flipFirstBit(String base64) {
        byte[] raw = Base64.getDecoder().decode(base64);
        raw[0] ^= 1;
        return Base64.getEncoder().encodeToString(raw);
    }

    /** 8 samples x 5 required headers, each missing, plus blank values and no headers at all. */
    private static void missingHeaders(List<BadShopifyWebhooks> cases) {
        for (String s : SAMPLES) {
            for (String h : ShopifyDeliveries.REQUIRED_HEADERS) {
                rejected(cases, s + ": no " + h, 400, () -> header(sample(s), h, null));
            }
        }
        for (String h : ShopifyDeliveries.REQUIRED_HEADERS) {
            rejected(cases, "fulfillments-create: blank " + h, 400, () -> header(sample("fulfillments-create"), h, "  "));
        }
        rejected(cases, "no headers at all", 400, () -> {
            var e = sample("fulfillments-create");
            e.setHeaders(null);
            return e;
        });
        rejected(cases, "empty header map", 400, () -> {
            var e = sample("fulfillments-create");
            e.setHeaders(java.util.Map.of());
            return e;
        });
    }

    private static void contentTypes(List<BadShopifyWebhooks> cases) {
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/jsonp", "application/json-patch+json",
                "json", "text/json", "application/octet-stream", "*/*")) {
            rejected(cases, "content-type " + type, 415, () -> header(sample("orders-fulfilled"), "content-type", type));
        }
        rejected(cases, "no content-type", 415, () -> header(sample("orders-fulfilled"), "content-type", null));
    }

    private static void sizes(List<BadShopifyWebhooks> cases) {
        String padded = body("fulfillments-create").replace("\"receipt\":{}",
                "\"receipt\":{\"note\":\"" + "x".repeat(MAX_BODY) + "\"}");
        rejected(cases, "signed body over 1 MiB", 413, () -> signed("fulfillments-create", padded));
        rejected(cases, "unsigned body of 3 MiB", 413, () -> {
            var e = sample("fulfillments-create");
            e.setBody("y".repeat(3 * MAX_BODY));
            return e;
        });
        rejected(cases, "signed base64 body decoding to over 1 MiB", 413,
                () -> signedBytes("fulfillments-create", padded.getBytes(StandardCharsets.UTF_8)));
        rejected(cases, "1 MiB + 1 of multi-byte characters", 413,
                () -> signed("orders-fulfilled", "\"" + "é".repeat(MAX_BODY / 2 + 1) + "\""));
        rejected(cases, "over 1 MiB and no headers: size first", 413, () -> {
            var e = sample("orders-cancelled");
            e.setBody("z".repeat(MAX_BODY + 1));
            e.setHeaders(null);
            return e;
        });
        rejected(cases, "deeply nested arrays, signed", 400,
                () -> signed("fulfillments-create", "[".repeat(5000) + "]".repeat(5000)));
        rejected(cases, "deeply nested objects, signed", 400,
                () -> signed("orders-fulfilled", "{\"a\":".repeat(3000) + "1" + "}".repeat(3000)));
    }

    /** Truncations of every sample at four points, and malformed documents, all correctly signed. */
    private static void brokenJson(List<BadShopifyWebhooks> cases) {
        for (String s : SAMPLES) {
            String b = body(s);
            for (int cut : new int[] {1, b.length() / 4, b.length() / 2, b.length() - 1}) {
                rejected(cases, s + ": truncated to " + cut + " chars", 400, () -> signed(s, b.substring(0, cut)));
            }
        }
        List<String> malformed = List.of("", " ", "null", "true", "42", "\"a string\"", "[]", "[{\"id\":1}]",
                "{", "}", "{\"order_id\": 5710293847561,,}", "{\"id\":1} trailing", "{'id': 1}", "{id: 1}",
                "{\"id\":NaN}", "{\"id\":1,}", "{\"id\":01}", "{\"a\":\"unterminated}", "{\"a\":\"bad \\q escape\"}",
                "{\"a\":tru}", "{\"a\":1}{\"b\":2}", "{\"a\"::1}", "\u0000{\"id\":1}", "{\"id\":1}\u0000",
                "<xml>not json</xml>");
        for (String topic : List.of("fulfillments-create", "orders-fulfilled", "orders-cancelled", "refunds-create",
                "customers-redact")) {
            for (int i = 0; i < malformed.size(); i++) {
                String doc = malformed.get(i);
                if (topic.equals("fulfillments-create") || i % 3 == 0) {
                    rejected(cases, topic + ": malformed #" + i, 400, () -> signed(topic, doc));
                }
            }
        }
    }

    /** Fields read by the intake, each given a value of the wrong type (correctly signed). */
    private static void wrongTypes(List<BadShopifyWebhooks> cases) {
        String f = "fulfillments-create";
        change(cases, f, "\"order_id\":5710293847561", List.of("\"order_id\":{\"id\":1}", "\"order_id\":[1]",
                "\"order_id\":true", "\"order_id\":null", "\"order_id\":\"abc\"", "\"order_id\":\"\"",
                "\"other\":1"));
        change(cases, f, "\"created_at\":\"2026-03-11T16:04:12+01:00\"", List.of("\"created_at\":1773241452",
                "\"created_at\":\"last tuesday\"", "\"created_at\":{}", "\"created_at\":[]", "\"created_at\":true",
                "\"created_at\":\"2026-13-45T99:99:99Z\""));
        change(cases, f, "\"tracking_numbers\":[\"1234567890\"]", List.of("\"tracking_numbers\":\"1234567890\"",
                "\"tracking_numbers\":{\"0\":\"1\"}", "\"tracking_numbers\":[1234567890]",
                "\"tracking_numbers\":[[\"1\"]]", "\"tracking_numbers\":42"));
        change(cases, f, "\"tracking_company\":\"DHL Express\"", List.of("\"tracking_company\":42",
                "\"tracking_company\":{}", "\"tracking_company\":[\"DHL\"]", "\"tracking_company\":false"));
        change(cases, f, "\"tracking_number\":\"1234567890\"", List.of("\"tracking_number\":1234567890",
                "\"tracking_number\":[\"1234567890\"]", "\"tracking_number\":{}"));
        change(cases, f, "\"country_code\":\"DE\"", List.of("\"country_code\":\"Germany\"", "\"country_code\":49",
                "\"country_code\":\"D\"", "\"country_code\":[\"DE\"]"));
        change(cases, f, "\"destination\":{", List.of("\"destination\":\"Köln\",\"x\":{",
                "\"destination\":[\"Köln\"],\"x\":{", "\"destination\":7,\"x\":{"));
        change(cases, f, "\"status\":\"success\"", List.of("\"status\":1", "\"status\":{}", "\"status\":[]"));
        change(cases, f, "\"email\":\"erika.muster@example.org\"", List.of("\"email\":42", "\"email\":{}"));
        change(cases, f, "\"line_items\":[", List.of("\"line_items\":{\"a\":[", "\"line_items\":\"x\",\"y\":["));
        String o = "orders-fulfilled";
        change(cases, o, "\"fulfillments\":[", List.of("\"fulfillments\":\"none\",\"x\":[",
                "\"fulfillments\":{\"a\":[", "\"fulfillments\":7,\"x\":["));
        change(cases, o, "\"customer\":{", List.of("\"customer\":\"191167\",\"x\":{", "\"customer\":[],\"x\":{",
                "\"customer\":true,\"x\":{"));
        change(cases, "refunds-create", "\"quantity\":1,\"line_item_id\"", List.of(
                "\"quantity\":\"one\",\"line_item_id\"", "\"quantity\":[1],\"line_item_id\"",
                "\"quantity\":{},\"line_item_id\""));
        change(cases, "customers-redact", "\"orders_to_redact\":[5710293847561]", List.of(
                "\"orders_to_redact\":[\"five\"]", "\"orders_to_redact\":5710293847561",
                "\"orders_to_redact\":[{\"id\":1}]", "\"orders_to_redact\":{}"));
        change(cases, "customers-data-request", "\"shop_domain\":\"acme-outdoor.myshopify.com\"", List.of(
                "\"shop_domain\":\"someone-else.myshopify.com\"", "\"shop_domain\":42"));
        change(cases, "shop-redact", "\"shop_domain\":\"acme-outdoor.myshopify.com\"", List.of(
                "\"shop_domain\":\"someone-else.myshopify.com\"", "\"shop_domain\":[]"));
    }

    private static void change(List<BadShopifyWebhooks> cases, String sample, String from, List<String> tos) {
        String b = body(sample);
        if (!b.contains(from)) {
            throw new IllegalStateException(sample + " no longer contains " + from + "; update the corpus");
        }
        for (String to : tos) {
            rejected(cases, sample + ": " + from + " -> " + to, 400, () -> signed(sample, b.replace(from, to)));
        }
    }

    /** Odd unicode in bodies and headers. */
    private static void oddUnicode(List<BadShopifyWebhooks> cases) {
        String f = "fulfillments-create";
        byte[][] badUtf8 = {
            {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},            // cut multi-byte sequence
            {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}, // overlong '/'
            {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, // a lone surrogate
            {(byte) 0xFF, (byte) 0xFE, '{', '}'},                               // UTF-16 byte order mark
            {'{', '"', (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"', ':', '1', '}'},
        };
        for (int i = 0; i < badUtf8.length; i++) {
            byte[] bytes = badUtf8[i];
            rejected(cases, "invalid UTF-8 #" + i + " (base64, signed)", 400, () -> signedBytes(f, bytes));
        }
        String b = body(f);
        rejected(cases, "order_id in full-width digits", 400, () -> signed(f,
                b.replace("\"order_id\":5710293847561", "\"order_id\":\"５７１０２９３８４７５６１\"")));
        rejected(cases, "order_id with a zero-width space", 400, () -> signed(f,
                b.replace("\"order_id\":5710293847561", "\"order_id\":\"5710293847561\u200b\"")));
        rejected(cases, "order_id with Arabic-Indic digits", 400, () -> signed(f,
                b.replace("\"order_id\":5710293847561", "\"order_id\":\"٥٧١٠٢٩٣٨٤٧٥٦١\"")));
        rejected(cases, "country code in Cyrillic look-alikes", 400, () -> signed(f,
                b.replace("\"country_code\":\"DE\"", "\"country_code\":\"\u0414\u0415\"")));
        rejected(cases, "created_at with an RTL override", 400, () -> signed(f,
                b.replace("2026-03-11T16:04:12+01:00\",\"updated_at", "\u202e2026-03-11T16:04:12+01:00\",\"updated_at")));
        rejected(cases, "shop domain with a Cyrillic a", 400, () -> header(sample(f), "x-shopify-shop-domain",
                "\u0430cme-outdoor.myshopify.com"));
        rejected(cases, "shop domain with a zero-width joiner", 400, () -> header(sample(f), "x-shopify-shop-domain",
                "acme\u200d-outdoor.myshopify.com"));
        rejected(cases, "shop domain in punycode of another shop", 404, () -> header(sample(f),
                "x-shopify-shop-domain", "xn--cme-outdoor-9hb.myshopify.com"));
        rejected(cases, "emoji body, signed", 400, () -> signed(f, "\uD83D\uDCE6\uD83D\uDE9A"));
    }

    private static void shops(List<BadShopifyWebhooks> cases) {
        for (String s : List.of("fulfillments-create", "orders-fulfilled", "orders-cancelled", "refunds-create")) {
            rejected(cases, s + ": shop not installed", 404, () -> header(sample(s), "x-shopify-shop-domain",
                    "stranger.myshopify.com"));
        }
        for (String domain : List.of("evil.example.com", "acme-outdoor.myshopify.com.evil.example",
                "acme-outdoor.myshopify.com/../admin", "ACME OUTDOOR.myshopify.com", "-acme.myshopify.com",
                ".myshopify.com", "acme_outdoor.myshopify.com", "acme-outdoor.myshopify.com\r\nx-injected: 1",
                "https://acme-outdoor.myshopify.com", "acme-outdoor.myshopify.com:443")) {
            rejected(cases, "shop domain " + domain.replace("\r\n", "\\r\\n"), 400,
                    () -> header(sample("fulfillments-create"), "x-shopify-shop-domain", domain));
        }
    }

    /** Topics Doorstep does not use: 200 "ignored" (a 4xx would make Shopify retry and then drop the subscription). */
    private static void unknownTopics(List<BadShopifyWebhooks> cases) {
        for (String topic : List.of("orders/create", "orders/updated", "products/update", "fulfillments/update",
                "fulfillment_events/create", "fulfillments\\create", "fulfillments/create/x",
                "../orders/fulfilled", "ordérs/fulfilled", "x".repeat(300))) {
            cases.add(new BadShopifyWebhooks("unknown topic " + (topic.length() > 40 ? "x*300" : topic), () -> header(
                    ShopifyDeliveries.fresh(sample("fulfillments-create")), "x-shopify-topic", topic), 200, "ignored"));
        }
    }

    private static void timestamps(List<BadShopifyWebhooks> cases) {
        for (String at : List.of("yesterday", "2026-03-11", "1773241453", "2026-03-11T15:04:13", "2026-02-30T10:00:00Z",
                "2026-03-11T25:04:13Z", "+999999999-12-31T23:59:59Z-junk")) {
            rejected(cases, "x-shopify-triggered-at " + at, 400,
                    () -> header(sample("fulfillments-create"), "x-shopify-triggered-at", at));
        }
    }

    private static void base64(List<BadShopifyWebhooks> cases) {
        String f = "fulfillments-create";
        byte[] bytes = body(f).getBytes(StandardCharsets.UTF_8);
        rejected(cases, "base64 flag on a body that is not base64", 400, () -> {
            var e = sample(f);
            e.setIsBase64Encoded(true);
            return e;
        });
        rejected(cases, "base64 in the URL-safe alphabet", 400, () -> {
            var e = signedBytes(f, new byte[] {(byte) 0xfb, (byte) 0xff, 0x3e, 0x3f});
            e.setBody(Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xfb, (byte) 0xff, 0x3e, 0x3f}));
            return e;
        });
        rejected(cases, "MIME base64 with line breaks", 400, () -> {
            var e = signedBytes(f, bytes);
            e.setBody(Base64.getMimeEncoder().encodeToString(bytes));
            return e;
        });
        rejected(cases, "base64 signed over its text, not its bytes", 401, () -> {
            var e = signedBytes(f, bytes);
            return header(e, "x-shopify-hmac-sha256", sign(e.getBody().getBytes(StandardCharsets.UTF_8), SECRET));
        });
        rejected(cases, "base64 body with the flag off", 401, () -> {
            var e = signedBytes(f, bytes);
            e.setIsBase64Encoded(false);
            return e;
        });
        rejected(cases, "base64 with a stray character", 400, () -> {
            var e = signedBytes(f, bytes);
            e.setBody("*" + e.getBody());
            return e;
        });
        rejected(cases, "base64 of truncated JSON, signed", 400,
                () -> signedBytes(f, java.util.Arrays.copyOf(bytes, bytes.length / 2)));
        rejected(cases, "base64 of gzip-compressed JSON, signed", 400, () -> signedBytes(f, gzip(bytes)));
    }

    private static byte[] gzip(byte[] bytes) {
        var out = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
