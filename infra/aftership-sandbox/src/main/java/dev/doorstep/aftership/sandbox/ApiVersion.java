package dev.doorstep.aftership.sandbox;

/**
 * The wire shape of one AfterShip Tracking API version (reference/aftership.md §1–§4): legacy
 * {@code v4} or a date version {@code YYYY-MM}. Date versions compare as strings.
 */
record ApiVersion(String name) {

    static final ApiVersion V4 = new ApiVersion("v4");

    boolean legacy() {
        return name.equals("v4");
    }

    private boolean atLeast(String dateVersion) {
        return !legacy() && name.compareTo(dateVersion) >= 0;
    }

    /** v4 and 2024-04 wrap request and response bodies in {@code {"tracking": {...}}}. */
    boolean wrapsBodies() {
        return legacy() || !atLeast("2024-07");
    }

    /** From 2024-10 GET /trackings pages by cursor, before by page number. */
    boolean cursorPaging() {
        return atLeast("2024-10");
    }

    /** The slug+number GET was removed in 2024-10. */
    boolean hasSlugNumberLookup() {
        return !atLeast("2024-10");
    }

    /** 2025-01 replaced customer_name/smses/emails by customers[] and *_iso3 by *_region. */
    boolean customersArray() {
        return atLeast("2025-01");
    }

    /** Per-endpoint limits from 2024-07; one account-wide 10/s before. */
    boolean perEndpointLimits() {
        return atLeast("2024-07");
    }

    /** v4 also takes {@code as-api-key}; date versions reject {@code aftership-api-key}. */
    boolean acceptsLegacyKeyHeader() {
        return legacy();
    }
}
