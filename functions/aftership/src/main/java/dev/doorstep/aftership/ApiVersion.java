package dev.doorstep.aftership;

import java.util.regex.Pattern;

/**
 * Which AfterShip Tracking API the client speaks (reference/aftership.md §1): legacy {@code v4}, or a
 * date version {@code YYYY-MM} (default {@value #DEFAULT}). Each knows its URL prefix, auth header and
 * the wire shapes that changed between versions.
 */
public record ApiVersion(String name) {

    public static final String DEFAULT = "2026-07";
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}");

    public ApiVersion {
        if (!"v4".equals(name) && (name == null || !DATE.matcher(name).matches())) {
            throw new IllegalArgumentException("AfterShip API version must be 'v4' or 'YYYY-MM', got '" + name + "'");
        }
    }

    public boolean legacy() {
        return name.equals("v4");
    }

    private boolean atLeast(String dateVersion) {
        return !legacy() && name.compareTo(dateVersion) >= 0;
    }

    public String pathPrefix() {
        return legacy() ? "/v4" : "/tracking/" + name;
    }

    /** Date versions reject the legacy header from 2023-10 on. */
    public String keyHeader() {
        return legacy() ? "aftership-api-key" : "as-api-key";
    }

    /** v4 and 2024-04 wrap bodies in {@code {"tracking": {...}}}; 2024-07 made them flat. */
    public boolean wrapsBodies() {
        return legacy() || !atLeast("2024-07");
    }

    public boolean cursorPaging() {
        return atLeast("2024-10");
    }

    /** GET /trackings/{slug}/{number} exists up to 2024-07; later, a list filtered by number. */
    public boolean slugNumberLookup() {
        return !atLeast("2024-10");
    }

    /** 2025-01: customers[] instead of customer_name/smses/emails, *_region instead of *_iso3. */
    public boolean customersArray() {
        return atLeast("2025-01");
    }

    public boolean perEndpointLimits() {
        return atLeast("2024-07");
    }
}
