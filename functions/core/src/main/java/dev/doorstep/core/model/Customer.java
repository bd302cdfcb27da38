package dev.doorstep.core.model;

/**
 * The buyer as Shopify reports them. {@code defaultAddressPhone} is the phone of the customer's
 * <em>default</em> address (not the shipping address): the seed passes that one to AfterShip for SMS.
 * Personal data: never log any field of this record.
 */
public record Customer(String customerId, String name, String email, String defaultAddressPhone) {

    public static Customer anonymous() {
        return new Customer(null, null, null, null);
    }

    public boolean hasEmail() {
        return email != null && !email.isBlank();
    }

    /** The same customer with every personal field erased (customers/redact). */
    public Customer redacted() {
        return new Customer(customerId, null, null, null);
    }

    @Override
    public String toString() {
        return "Customer[customerId=" + customerId + ", personal data withheld]";
    }
}
