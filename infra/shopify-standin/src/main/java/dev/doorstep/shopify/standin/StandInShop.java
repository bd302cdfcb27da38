package dev.doorstep.shopify.standin;

/**
 * A shop the stand-in knows, with the facts its Admin GraphQL {@code shop} query answers.
 *
 * @param countryCode ISO 3166-1 alpha-2 of the billing address
 */
public record StandInShop(String domain, String name, String email, String contactEmail, String ianaTimezone,
        String countryCode) {

    /** A shop nobody described: a name made from the domain ("demo-outdoor" is "Demo Outdoor"), in New York. */
    static StandInShop madeUp(String domain) {
        String handle = domain.replace(".myshopify.com", "");
        StringBuilder name = new StringBuilder();
        for (String word : handle.split("-")) {
            if (!word.isEmpty()) {
                name.append(name.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0)))
                        .append(word.substring(1));
            }
        }
        return new StandInShop(domain, name.toString(), "owner@" + domain, "hello@" + domain, "America/New_York", "US");
    }
}
