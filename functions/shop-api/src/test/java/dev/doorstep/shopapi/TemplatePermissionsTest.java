package dev.doorstep.shopapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.emulator.ProjectRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Least privilege in template.yaml, read as CloudFormation reads it: every Allow names its actions and
 * resources, except the grants infra/lint/iam-wildcards.yaml lists with their reasons; no function holds
 * a broad SAM policy template (DynamoDBCrudPolicy, SESCrudPolicy, ...); the public AfterShip webhook can
 * decrypt webhook secrets and nothing else.
 */
class TemplatePermissionsTest {

    /** SAM policy templates that expand to one action on one named resource (samtranslator's policy_templates.json). */
    private static final Set<String> NARROW_POLICY_TEMPLATES =
            Set.of("AWSSecretsManagerGetSecretValuePolicy", "EventBridgePutEventsPolicy");

    private final Map<String, Object> resources = map(CloudFormationYaml.template().get("Resources"));

    @Test
    void everyWildcardGrantIsListedWithItsReason() {
        Set<String> allowed = new TreeSet<>();
        List<Map<String, Object>> list =
                CloudFormationYaml.read(ProjectRoot.find().resolve("infra/lint/iam-wildcards.yaml"));
        for (Map<String, Object> entry : list) {
            assertThat(String.valueOf(entry.get("why"))).as("reason for " + entry).hasSizeGreaterThan(20);
            allowed.add(entry.get("resource") + " / " + entry.get("sid") + ": " + entry.get("grant"));
        }

        Set<String> found = wildcardGrants();

        assertThat(found).as("wildcards not in infra/lint/iam-wildcards.yaml").isSubsetOf(allowed);
        assertThat(allowed).as("entries in infra/lint/iam-wildcards.yaml the template no longer needs")
                .isSubsetOf(found);
    }

    @Test
    void theFindingsCatchWhatTheyShould() {
        Map<String, Object> broad = Map.of("Effect", "Allow", "Action", List.of("dynamodb:*", "s3:Get*", "*"),
                "Resource", "*");
        Set<String> found = new TreeSet<>();
        statement("Example", broad, 0, found);
        assertThat(found).containsExactlyInAnyOrder("Example / #0: Action dynamodb:*", "Example / #0: Action s3:Get*",
                "Example / #0: Action *", "Example / #0: Resource *");
    }

    @Test
    void thePublicAfterShipWebhookDecryptsWebhookSecretsOnly() {
        List<Map<String, Object>> decrypts = statementsOf("AfterShipWebhookFunction").stream()
                .filter(s -> actions(s).stream().anyMatch(a -> a.startsWith("kms:"))).toList();

        assertThat(decrypts).isNotEmpty().allSatisfy(s -> {
            assertThat(actions(s)).containsExactly("kms:Decrypt");
            assertThat(purposeCondition(s)).containsExactly("aftership-webhook-secret");
        });
    }

    @Test
    void apiKeysAreDecryptedOnlyByTheFunctionsThatCallAfterShip() {
        Set<String> decryptApiKeys = new TreeSet<>();
        resources.forEach((id, resource) -> statementsOf(id).stream()
                .filter(s -> String.valueOf(s.get("Resource")).contains("AfterShipKeysKey"))
                .filter(s -> actions(s).contains("kms:Decrypt"))
                .filter(s -> !purposeCondition(s).equals(List.of("aftership-webhook-secret"))
                        && !purposeCondition(s).equals(List.of("shopify-access-token")))
                .forEach(s -> decryptApiKeys.add(id)));

        // PrivacyWorkerFunction deletes a redacted customer's trackings in the shop's AfterShip account.
        assertThat(decryptApiKeys).containsExactlyInAnyOrder("OrderStreamFunction", "DeliveryPollerFunction",
                "ShopPollWorkerFunction", "PrivacyWorkerFunction");
    }

    @Test
    void shopifyAccessTokensAreEncryptedByTheAppAndDecryptedByTheSenderThePreviewAndTheBackfillOnly() {
        Set<String> encrypt = new TreeSet<>();
        Set<String> decrypt = new TreeSet<>();
        resources.forEach((id, resource) -> statementsOf(id).stream()
                .filter(s -> purposeCondition(s).contains("shopify-access-token"))
                .forEach(s -> {
                    assertThat(purposeCondition(s)).as(id).containsExactly("shopify-access-token");
                    if (actions(s).contains("kms:Encrypt")) {
                        encrypt.add(id);
                    }
                    if (actions(s).contains("kms:Decrypt")) {
                        decrypt.add(id);
                    }
                }));

        assertThat(encrypt).containsExactly("ShopifyAppFunction");
        // The sender reads product pages, and so does the merchant page's email preview (the verified shop's
        // only); the poll worker runs requested backfills (Shopify's orders).
        assertThat(decrypt).containsExactly("MerchantPageFunction", "ReviewSenderFunction", "ShopPollWorkerFunction");
    }

    @Test
    void theShopifyWebhookDeletesTheTokenItemAtUninstallWithoutAnyKmsRight() {
        List<Map<String, Object>> statements = statementsOf("ShopifyWebhookFunction");

        assertThat(statements).anySatisfy(s -> {
            assertThat(actions(s)).contains("dynamodb:DeleteItem");
            assertThat(String.valueOf(s.get("Resource"))).contains("Table");
        });
        assertThat(statements.stream().flatMap(s -> actions(s).stream())).noneMatch(a -> a.startsWith("kms:"));
    }

    @Test
    void theShopApiEncryptsOnlyWithAPurpose() {
        List<Map<String, Object>> encrypts = statementsOf("ShopApiFunction").stream()
                .filter(s -> actions(s).contains("kms:Encrypt")).toList();

        assertThat(encrypts).hasSize(1);
        assertThat(purposeCondition(encrypts.getFirst()))
                .containsExactlyInAnyOrder("aftership-api-key", "aftership-webhook-secret");
    }

    @Test
    void theSenderMaySendAndNothingElseOnSes() {
        List<String> ses = statementsOf("ReviewSenderFunction").stream().flatMap(s -> actions(s).stream())
                .filter(a -> a.startsWith("ses:")).toList();

        assertThat(ses).containsExactlyInAnyOrder("ses:SendEmail", "ses:SendRawEmail");
    }

    @Test
    void noFunctionMayScanTheTable() {
        Set<String> scanning = new TreeSet<>();
        resources.forEach((id, resource) -> statementsOf(id).stream()
                .filter(s -> actions(s).stream()
                        .anyMatch(a -> a.equals("dynamodb:Scan") || a.equals("dynamodb:BatchGetItem")))
                .forEach(s -> scanning.add(id)));

        assertThat(scanning).isEmpty();
    }

    private Set<String> wildcardGrants() {
        Set<String> found = new TreeSet<>();
        resources.forEach((id, resource) -> {
            Map<String, Object> properties = map(map(resource).get("Properties"));
            Object policies = properties == null ? null : properties.get("Policies");
            if ("AWS::Serverless::Function".equals(map(resource).get("Type")) && policies != null) {
                for (Object policy : policies instanceof List<?> l ? l : List.of(policies)) {
                    if (policy instanceof String managed) {
                        found.add(id + " / policy: managed policy " + managed);
                    } else if (policy instanceof Map<?, ?> m && !m.containsKey("Statement")) {
                        m.keySet().stream().map(String::valueOf).filter(t -> !NARROW_POLICY_TEMPLATES.contains(t))
                                .forEach(t -> found.add(id + " / policy: SAM policy template " + t));
                    }
                }
            }
            if (properties != null && properties.get("ManagedPolicyArns") != null) {
                found.add(id + " / policy: managed policies " + properties.get("ManagedPolicyArns"));
            }
            List<Map<String, Object>> statements = statementsOf(id);
            for (int i = 0; i < statements.size(); i++) {
                statement(id, statements.get(i), i, found);
            }
        });
        return found;
    }

    private static void statement(String id, Map<String, Object> s, int index, Set<String> found) {
        if (!"Allow".equals(s.get("Effect"))) {
            return; // a Deny with a wildcard only takes away
        }
        String where = id + " / " + (s.get("Sid") != null ? s.get("Sid") : "#" + index) + ": ";
        for (String key : List.of("NotAction", "NotResource", "NotPrincipal")) {
            if (s.containsKey(key)) {
                found.add(where + key);
            }
        }
        for (String action : actions(s)) {
            if (action.contains("*") || action.contains("?")) {
                found.add(where + "Action " + action);
            }
        }
        Object resource = s.get("Resource");
        for (Object r : resource instanceof List<?> l ? l : List.of(String.valueOf(resource))) {
            if ("*".equals(r)) {
                found.add(where + "Resource *");
            }
        }
    }

    /** Every IAM statement anywhere in the resource: inline policies, role policies, key, topic and queue policies. */
    private List<Map<String, Object>> statementsOf(String id) {
        List<Map<String, Object>> statements = new ArrayList<>();
        collect(map(resources.get(id)).get("Properties"), statements);
        return statements;
    }

    private static void collect(Object node, List<Map<String, Object>> statements) {
        if (node instanceof Map<?, ?> m) {
            if (m.containsKey("Effect") && (m.containsKey("Action") || m.containsKey("NotAction"))) {
                statements.add(map(m));
                return;
            }
            m.values().forEach(v -> collect(v, statements));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collect(v, statements));
        }
    }

    private static List<String> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        if (action == null) {
            return List.of();
        }
        return (action instanceof List<?> l ? l.stream() : java.util.stream.Stream.of(action)).map(String::valueOf)
                .collect(Collectors.toList());
    }

    /** The allowed values of {@code kms:EncryptionContext:purpose} under StringEquals, or none. */
    private static List<String> purposeCondition(Map<String, Object> statement) {
        Map<String, Object> condition = map(statement.get("Condition"));
        Map<String, Object> equals = condition == null ? null : map(condition.get("StringEquals"));
        Object purpose = equals == null ? null : equals.get("kms:EncryptionContext:purpose");
        if (purpose == null) {
            return List.of();
        }
        return purpose instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(purpose));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }
}
