package dev.doorstep.shopapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP API route has its own throttle (template.yaml's {@code HttpApi.RouteSettings}), so a flood on
 * one route cannot spend another's budget; and no setting names a route that does not exist (API Gateway
 * refuses the stage then).
 */
class TemplateThrottlesTest {

    private final Map<String, Object> resources = map(CloudFormationYaml.template().get("Resources"));
    private final Map<String, Object> api = map(map(resources.get("HttpApi")).get("Properties"));

    @Test
    void everyRouteHasItsOwnRateAndBurst() {
        Map<String, Object> settings = map(api.get("RouteSettings"));

        assertThat(settings).as("HttpApi.RouteSettings").isNotNull();
        assertThat(settings.keySet()).containsExactlyInAnyOrderElementsOf(routeKeys());
        settings.forEach((route, value) -> assertThat(map(value)).as(route)
                .containsKeys("ThrottlingRateLimit", "ThrottlingBurstLimit"));
    }

    @Test
    void shopifysDeliveriesHaveTheLargestBudget() {
        Map<String, Object> settings = map(api.get("RouteSettings"));
        double shopify = rate(settings.get("POST /webhooks/shopify"));

        settings.forEach((route, value) -> {
            if (!route.equals("POST /webhooks/shopify")) {
                assertThat(rate(value)).as(route).isLessThan(shopify);
            }
        });
        assertThat(rate(api.get("DefaultRouteSettings"))).as("a route added without its own setting")
                .isLessThan(shopify);
    }

    /** "METHOD /path" of every function event on the HTTP API, as API Gateway keys its routes. */
    private Set<String> routeKeys() {
        Set<String> keys = new TreeSet<>();
        resources.values().forEach(resource -> {
            Map<String, Object> properties = map(map(resource).get("Properties"));
            Map<String, Object> events = properties == null ? null : map(properties.get("Events"));
            if (events != null) {
                events.values().stream().map(TemplateThrottlesTest::map)
                        .filter(e -> "HttpApi".equals(e.get("Type")))
                        .map(e -> map(e.get("Properties")))
                        .forEach(p -> keys.add(p.get("Method") + " " + p.get("Path")));
            }
        });
        assertThat(keys).hasSizeGreaterThanOrEqualTo(7);
        return keys;
    }

    private static double rate(Object settings) {
        return Double.parseDouble(String.valueOf(map(settings).get("ThrottlingRateLimit")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }
}
