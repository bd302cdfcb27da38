package dev.doorstep.bench;

import java.nio.file.Path;
import java.util.List;

/** One function of template.yaml: its deployment jar, its handler and its sample events. */
record LambdaFunction(String name, String module, String handler, List<String> events) {

    static final List<LambdaFunction> ALL = List.of(
            new LambdaFunction("ShopifyWebhookFunction", "shopify-webhook",
                    "dev.doorstep.webhook.shopify.ShopifyWebhookFunction", List.of("orders-fulfilled.json",
                    "fulfillments-create.json", "orders-cancelled.json", "refunds-create.json")),
            new LambdaFunction("OrderStreamFunction", "order-stream",
                    "dev.doorstep.orderstream.OrderStreamFunction", List.of("order-inserted.json", "ttl-remove.json")),
            new LambdaFunction("DeliveryPollerFunction", "delivery-poller",
                    "dev.doorstep.poller.DeliveryPollerFunction", List.of("scheduled.json")),
            new LambdaFunction("ShopPollWorkerFunction", "delivery-poller",
                    "dev.doorstep.poller.ShopPollWorker", List.of("shop-poll.json")),
            new LambdaFunction("AfterShipWebhookFunction", "aftership-webhook",
                    "dev.doorstep.webhook.aftership.AfterShipWebhookFunction", List.of("delivered.json")),
            new LambdaFunction("ReviewSenderFunction", "review-sender",
                    "dev.doorstep.sending.ReviewSenderFunction", List.of("scheduled-send.json")),
            new LambdaFunction("UnsubscribeFunction", "review-sender",
                    "dev.doorstep.sending.UnsubscribeFunction", List.of("unsubscribe-get.json")),
            new LambdaFunction("SesFeedbackFunction", "review-sender",
                    "dev.doorstep.sending.SesFeedbackFunction", List.of("ses-send.json", "ses-bounce.json")),
            new LambdaFunction("ShopApiFunction", "shop-api",
                    "dev.doorstep.shopapi.ShopApiFunction", List.of("get-settings.json",
                    "list-review-requests.json")));

    /** Those named in {@code names} (comma-separated; null or blank: all), for a quicker look at a few. */
    static List<LambdaFunction> named(String names) {
        if (names == null || names.isBlank()) {
            return ALL;
        }
        List<String> wanted = List.of(names.split(","));
        List<LambdaFunction> chosen = ALL.stream().filter(f -> wanted.contains(f.name())).toList();
        if (chosen.size() != wanted.size()) {
            throw new IllegalArgumentException("unknown function in " + names + "; known: "
                    + ALL.stream().map(LambdaFunction::name).toList());
        }
        return chosen;
    }

    /** template.yaml's CodeUri. */
    Path jar(Path root) {
        return root.resolve("functions").resolve(module).resolve("target/doorstep-" + module + "-lambda.jar");
    }

    List<Path> eventFiles(Path root) {
        return events.stream().map(e -> root.resolve("events").resolve(module).resolve(e)).toList();
    }

    boolean isShopifyWebhook() {
        return module.equals("shopify-webhook");
    }
}
