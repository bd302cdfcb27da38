package dev.doorstep.shopapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorstep.lambda.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which shops each IAM caller of the shop API may act on (docs/deploy.md, "The shop API"): the
 * {@code SHOP_API_CALLERS} JSON object, principal ARN to the shops' domains, e.g.
 * {@code {"arn:aws:iam::123456789012:role/acme-ops": ["acme-tea.myshopify.com"]}}. API Gateway's IAM
 * authorizer proves who the caller is; this says what that caller may touch. A caller not listed may
 * touch nothing.
 */
final class ShopApiCallers {

    private static final Pattern SHOP = Pattern.compile("[a-z0-9][a-z0-9-]*\\.myshopify\\.com");

    private final List<Map.Entry<IamPrincipal, Set<String>>> grants;
    private final boolean anyCaller;

    private ShopApiCallers(List<Map.Entry<IamPrincipal, Set<String>>> grants, boolean anyCaller) {
        this.grants = grants;
        this.anyCaller = anyCaller;
    }

    /** For local runs and tests, where no IAM authorizer stands in front: every caller, every shop. */
    static ShopApiCallers anyCaller() {
        return new ShopApiCallers(List.of(), true);
    }

    /** @throws IllegalArgumentException naming the bad entry, so a broken setting fails the deployment's first call */
    static ShopApiCallers fromJson(String json) {
        if (json == null || json.isBlank()) {
            return new ShopApiCallers(List.of(), false);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("SHOP_API_CALLERS is not JSON: an object of principal ARN to shops");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("SHOP_API_CALLERS must be an object of principal ARN to shops");
        }
        List<Map.Entry<IamPrincipal, Set<String>>> grants = new ArrayList<>();
        for (var entry : root.properties()) {
            IamPrincipal principal = IamPrincipal.parse(entry.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "SHOP_API_CALLERS: " + entry.getKey() + " is not an IAM role, role session, user or root ARN"));
            if (!entry.getValue().isArray()) {
                throw new IllegalArgumentException("SHOP_API_CALLERS: the shops of " + entry.getKey()
                        + " must be a list of myshopify.com domains");
            }
            List<String> shops = new ArrayList<>();
            for (JsonNode shop : entry.getValue()) {
                if (!shop.isTextual() || !SHOP.matcher(shop.asText()).matches()) {
                    throw new IllegalArgumentException("SHOP_API_CALLERS: " + shop + " (for " + entry.getKey()
                            + ") is not a lowercase myshopify.com domain");
                }
                shops.add(shop.asText());
            }
            grants.add(Map.entry(principal, Set.copyOf(shops)));
        }
        return new ShopApiCallers(List.copyOf(grants), false);
    }

    /** @param callerArn {@code requestContext.authorizer.iam.userArn}, or null when the event carries none */
    boolean mayActOn(String callerArn, String shop) {
        if (anyCaller) {
            return true;
        }
        Optional<IamPrincipal> caller = IamPrincipal.parse(callerArn);
        return caller.isPresent() && grants.stream()
                .anyMatch(g -> g.getKey().covers(caller.get()) && g.getValue().contains(shop));
    }
}
