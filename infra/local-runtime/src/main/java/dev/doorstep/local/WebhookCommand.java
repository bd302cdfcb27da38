package dev.doorstep.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.lambda.Json;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code infra/bin/doorstep webhook --order 1001 [--shop S] [--tracking T] ...}: sends a signed
 * orders/fulfilled webhook to a running local runtime, fulfilled "now" on the runtime's clock (read
 * from GET /_local/clock), so a session by hand sees the order's whole life.
 */
final class WebhookCommand {

    static final String USAGE = """
            usage: infra/bin/doorstep webhook --order ID [--tracking NUMBER] [--shop SHOP] [--carrier NAME]
                                              [--country CC] [--email ADDRESS] [--port N]
              sends a signed orders/fulfilled webhook to the local runtime (DOORSTEP_PORT or --port, default 3000),
              fulfilled now on its clock; without --tracking the order has no tracking number (fulfillment timing).
              defaults: --shop demo-outdoor.myshopify.com --carrier UPS --country US --email buyer@example.com""";

    private WebhookCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--shop", Demo.SHOP);
        options.put("--carrier", "UPS");
        options.put("--country", "US");
        options.put("--email", "buyer@example.com");
        options.put("--port", env.getOrDefault("DOORSTEP_PORT", Integer.toString(LocalRuntime.DEFAULT_PORT)));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length
                    || !(options.containsKey(args[i]) || args[i].equals("--order") || args[i].equals("--tracking"))) {
                err.println("doorstep webhook: unexpected '" + args[i] + "'\n" + USAGE);
                return 2;
            }
            options.put(args[i], args[++i]);
        }
        String order = options.get("--order");
        if (order == null || !order.matches("[0-9]{1,18}")) {
            err.println("doorstep webhook: --order needs the order id, a number like 1001\n" + USAGE);
            return 2;
        }
        String shop = options.get("--shop").contains(".") ? options.get("--shop")
                : options.get("--shop") + ".myshopify.com";
        URI base = URI.create("http://localhost:" + options.get("--port"));
        try {
            Instant now = localNow(base);
            String secret = env.getOrDefault("SHOPIFY_API_SECRET", LocalRuntime.DEFAULT_SHOPIFY_SECRET);
            var sent = new ShopifyWebhookSender(base, secret).send(new ShopifyWebhookSender.FulfilledOrder(
                    shop, Long.parseLong(order), "#" + order, options.get("--tracking"), options.get("--carrier"),
                    options.get("--country"), now, "Sam Buyer", options.get("--email"), "Trail Running Shoe"));
            out.println(ShopifyWebhookSender.TOPIC + " #" + order + " for " + shop + " fulfilled " + now
                    + " -> " + sent.statusCode() + " " + sent.body().replaceAll("\\s+", " "));
            return sent.statusCode() / 100 == 2 ? 0 : 1;
        } catch (ConnectException refused) {
            err.println("doorstep webhook: nothing answers on " + base + "; start it with infra/bin/doorstep run"
                    + " (or give its port with --port / DOORSTEP_PORT)");
            return 1;
        } catch (Exception e) {
            err.println("doorstep webhook: " + e);
            return 1;
        }
    }

    private static Instant localNow(URI base) throws Exception {
        HttpResponse<String> clock = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("/_local/clock")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = Json.MAPPER.readTree(clock.body());
        if (clock.statusCode() != 200 || !answer.hasNonNull("now")) {
            throw new IllegalStateException(base + " is not a Doorstep local runtime (GET /_local/clock answered "
                    + clock.statusCode() + ")");
        }
        return Instant.parse(answer.path("now").asText());
    }
}
