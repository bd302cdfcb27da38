package dev.doorstep.aftership;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Shopify's carrier names ({@code tracking_company}) to AfterShip courier slugs, read from the data
 * file {@code carrier-slugs.csv} (the table of reference/aftership.md §8.2). Case and spacing do not
 * matter. A name not in the table has no slug here: the caller asks AfterShip to detect the courier.
 */
public final class CarrierSlugs {

    private static final String RESOURCE = "carrier-slugs.csv";

    private final Map<String, String> slugs;

    private CarrierSlugs(Map<String, String> slugs) {
        this.slugs = Map.copyOf(slugs);
    }

    public static CarrierSlugs standard() {
        try (InputStream in = CarrierSlugs.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CarrierSlugs read(InputStream csv) throws IOException {
        Map<String, String> slugs = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
        String line;
        boolean header = true;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            int comma = line.lastIndexOf(',');
            slugs.putIfAbsent(normalise(line.substring(0, comma)), line.substring(comma + 1).trim());
        }
        return new CarrierSlugs(slugs);
    }

    public Optional<String> slugFor(String shopifyCarrier) {
        return shopifyCarrier == null ? Optional.empty() : Optional.ofNullable(slugs.get(normalise(shopifyCarrier)));
    }

    public int size() {
        return slugs.size();
    }

    private static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
