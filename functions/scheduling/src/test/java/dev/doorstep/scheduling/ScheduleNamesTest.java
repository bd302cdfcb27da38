package dev.doorstep.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.core.model.OrderKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScheduleNamesTest {

    private static final String VALID = "[0-9a-zA-Z._-]{1,64}";

    @Test
    @DisplayName("a Shopify domain and numeric id read as they are")
    void readable() {
        assertThat(ScheduleNames.of(new OrderKey("acme-tea.myshopify.com", "5551234")))
                .isEqualTo("rr_acme-tea.myshopify.com_5551234");
    }

    @Test
    @DisplayName("long or unsafe keys are hashed into a valid name with a readable prefix, the same every time")
    void hashedWhenNeeded() {
        OrderKey longKey = new OrderKey("a-very-long-shop-name-that-goes-on-and-on.myshopify.com", "123456789012345");
        OrderKey unsafe = new OrderKey("acme.myshopify.com", "gid://shopify/Order/1");
        for (OrderKey key : List.of(longKey, unsafe)) {
            String name = ScheduleNames.of(key);
            assertThat(name).matches(VALID).startsWith("rh_").isEqualTo(ScheduleNames.of(key));
        }
        assertThat(ScheduleNames.of(unsafe)).startsWith("rh_acme-gid-shopify-Order-1_");
    }

    @Test
    @DisplayName("keys that clean up to the same text still get different names")
    void distinct() {
        List<OrderKey> keys = List.of(new OrderKey("s.myshopify.com", "a/b"), new OrderKey("s.myshopify.com", "a#b"),
                new OrderKey("s.myshopify.com", "a-b"), new OrderKey("s.myshopify.com", "a_b"),
                new OrderKey("s.myshopify.com_a", "b"), new OrderKey("s", "x".repeat(70)),
                new OrderKey("s", "x".repeat(71)));
        Set<String> names = new HashSet<>();
        keys.forEach(k -> names.add(ScheduleNames.of(k)));
        assertThat(names).hasSize(keys.size()).allMatch(n -> n.matches(VALID));
    }

    @Test
    @DisplayName("a held send's retries take two names of their own in turn, never the order's schedule or wake-up")
    void heldRetryNames() {
        OrderKey key = new OrderKey("acme-tea.myshopify.com", "5551234");
        assertThat(ScheduleNames.heldRetryOf(key, 1)).isEqualTo("ra_acme-tea.myshopify.com_5551234")
                .isEqualTo(ScheduleNames.heldRetryOf(key, 3));
        assertThat(ScheduleNames.heldRetryOf(key, 2)).isEqualTo("rb_acme-tea.myshopify.com_5551234")
                .isEqualTo(ScheduleNames.heldRetryOf(key, 4));
        OrderKey longKey = new OrderKey("a-very-long-shop-name-that-goes-on-and-on.myshopify.com", "123456789012345");
        for (OrderKey k : List.of(key, longKey)) {
            Set<String> names = Set.of(ScheduleNames.of(k), ScheduleNames.wakeUpOf(k), ScheduleNames.heldRetryOf(k, 1),
                    ScheduleNames.heldRetryOf(k, 2));
            assertThat(names).hasSize(4).allMatch(n -> n.matches(VALID));
        }
        assertThat(ScheduleNames.heldRetryOf(longKey, 1)).startsWith("ha_");
        assertThat(ScheduleNames.heldRetryOf(longKey, 2)).startsWith("hb_");
    }
}
