package dev.doorstep.webhook.aftership;

/** Where a shop's AfterShip webhook signing secret is found, in clear. */
public interface WebhookSecrets {

    /** What is known about the shop's secret. */
    sealed interface Lookup {
        /** No AfterShip credentials for the shop: not a shop of ours. */
        record UnknownShop() implements Lookup {
        }

        /** The shop is ours but saved no webhook secret, so nothing it sends can be verified. */
        record NoSecret() implements Lookup {
        }

        record Secret(String value) implements Lookup {
            @Override
            public String toString() {
                return "Secret[withheld]";
            }
        }
    }

    Lookup forShop(String shop);
}
