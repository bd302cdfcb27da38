package dev.doorstep.aftership;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CarrierSlugsTest {

    final CarrierSlugs slugs = CarrierSlugs.standard();

    @Test
    void shopifyNamesMapToAfterShipSlugsFromTheDataFile() {
        assertThat(slugs.size()).isGreaterThan(70);
        assertThat(slugs.slugFor("DHL Express")).contains("dhl");
        assertThat(slugs.slugFor("DHL eCommerce")).contains("dhl-global-mail");
        assertThat(slugs.slugFor("Evri")).contains("myhermes-uk");
        assertThat(slugs.slugFor("  royal   MAIL ")).contains("royal-mail");
    }

    @Test
    void anUnknownCarrierHasNoSlug() {
        assertThat(slugs.slugFor("Carrier Nobody Knows")).isEmpty();
        assertThat(slugs.slugFor(null)).isEmpty();
    }
}
