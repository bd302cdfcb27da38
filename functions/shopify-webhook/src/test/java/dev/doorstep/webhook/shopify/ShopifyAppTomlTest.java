package dev.doorstep.webhook.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.emulator.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** shopify.app.toml subscribes exactly the topics this function handles, all at the one webhook URL. */
class ShopifyAppTomlTest {

    private static final Pattern ARRAY = Pattern.compile("(?m)^\\s*(topics|compliance_topics)\\s*=\\s*\\[([^\\]]*)]");
    private static final Pattern URI = Pattern.compile("(?m)^\\s*uri\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    private static String toml() throws IOException {
        return Files.readString(ProjectRoot.find().resolve("shopify.app.toml"));
    }

    private static List<String> subscribed(String key) throws IOException {
        List<String> topics = new ArrayList<>();
        Matcher m = ARRAY.matcher(toml().replaceAll("(?m)#.*$", ""));
        while (m.find()) {
            if (m.group(1).equals(key)) {
                Matcher q = QUOTED.matcher(m.group(2));
                while (q.find()) {
                    topics.add(q.group(1));
                }
            }
        }
        return topics;
    }

    @Test
    @DisplayName("every handled topic is subscribed, none twice, and nothing unhandled is subscribed")
    void subscriptionsMatchTheHandledTopics() throws IOException {
        List<String> handled = Arrays.stream(ShopifyTopic.values()).map(ShopifyTopic::topicName).toList();
        List<String> subscribed = new ArrayList<>(subscribed("topics"));
        subscribed.addAll(subscribed("compliance_topics"));

        assertThat(subscribed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(handled);
    }

    @Test
    @DisplayName("the three compliance topics are declared as compliance_topics (the Admin API cannot subscribe them)")
    void complianceTopics() throws IOException {
        assertThat(subscribed("compliance_topics"))
                .containsExactlyInAnyOrder("customers/data_request", "customers/redact", "shop/redact");
    }

    @Test
    @DisplayName("every subscription points at the stack's webhook route, and the payload version is the pinned one")
    void uris() throws IOException {
        Matcher m = URI.matcher(toml());
        List<String> uris = new ArrayList<>();
        while (m.find()) {
            uris.add(m.group(1));
        }
        assertThat(uris).hasSize(2).allSatisfy(u -> assertThat(u).startsWith("https://").endsWith("/webhooks/shopify"));
        assertThat(toml()).containsPattern("(?m)^api_version = \"2026-07\"$");
    }
}
