package dev.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The soak in small, for CI (the full one, 5,000 orders over a simulated year, is
 * {@code infra/bin/doorstep soak}; figures in docs/reliability.md): orders arrive every simulated day
 * while the clock moves a day at a time. The emulator's memory grows with the orders it holds, not
 * with the traffic (plain moto grew 10-20 MB per order here), and a webhook and a day's clock move
 * cost no more at the end than at the start (the TTL simulator's Scan per clock step did).
 */
class SoakTest {

    @Test
    void memoryAndRequestTimesStayFlatAsOrdersAndDaysGoBy() throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(0, LocalRuntime.DEFAULT_SHOPIFY_SECRET)) {
            Soak.Result r = Soak.run(runtime, 3, 90, 12, null);

            Soak.Sample warm = r.at(0.25);
            double kbPerOrder = (r.last().motoRssKb() - warm.motoRssKb()) / (double) (r.last().orders() - warm.orders());
            assertThat(kbPerOrder).as("moto RSS growth per order after warm-up, KB").isLessThan(500);
            assertThat(r.webhookMillis(0.75, 1)).as("webhook ms, last quarter vs first")
                    .isLessThan(2 * r.webhookMillis(0, 0.25) + 50);
            assertThat(r.dayMillis(0.75, 1)).as("a day's clock move ms, last quarter vs first")
                    .isLessThan(3 * r.dayMillis(0, 0.25) + 1000);
            // What the local stand-ins hold is what is still due, not everything ever seen: the TTL index
            // is exactly the table's items that still carry an expiry.
            assertThat(r.schedulesPending()).isLessThan(90);
            int expiring = runtime.aws().dynamo.scanPaginator(b -> b.tableName(LocalAws.TABLE)
                    .filterExpression("attribute_exists(expiresAt)")).items().stream().mapToInt(i -> 1).sum();
            assertThat(r.ttlTracked()).isEqualTo(expiring);
        }
    }
}
