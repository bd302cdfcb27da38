package dev.doorstep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One function's contract: its deployment jar started once under RIE and the runtime client with the
 * template's environment (like one warm container), its samples invoked by the subclass, and, after
 * them, what every SnapStart function must show: it primed before the snapshot without a failure,
 * came back through the restore, and got its credentials only from the container endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FunctionContract {

    final ContractDeployment deployment = Deployment.get();
    final Seeds seeds = new Seeds(deployment);
    LambdaProcess function;

    abstract String logicalId();

    @BeforeAll
    void startFunction() {
        function = deployment.start(logicalId());
    }

    @AfterAll
    void stopFunction() {
        if (function != null) {
            function.close();
        }
    }

    /** Invokes the sample and fails with the function's own error and logs if it threw. */
    Invocation invokeOk(String event) {
        Invocation invocation = function.invoke(event);
        assertThat(invocation.failed()).as("%s failed: %s%n%s", logicalId(), invocation.response(), invocation.logs())
                .isFalse();
        return invocation;
    }

    /** An HTTP API function's answer: its status code, checked, and its body. */
    JsonNode httpOk(String event, int expectedStatus) {
        Invocation invocation = invokeOk(event);
        JsonNode response = Samples.json(invocation.response());
        assertThat(response.path("statusCode").asInt()).as("%s answered %s%n%s", logicalId(), invocation.response(),
                invocation.logs()).isEqualTo(expectedStatus);
        return response;
    }

    /** A stream or queue handler's partial-batch answer: no item handed back. */
    void noBatchItemFailures(Invocation invocation) {
        JsonNode response = Samples.json(invocation.response());
        assertThat(response.path("batchItemFailures").size()).as("%s: %s%n%s", logicalId(), invocation.response(),
                invocation.logs()).isZero();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void primedBeforeTheSnapshotWithContainerCredentialsOnly() {
        String logs = function.allLogs();
        assertThat(function.restores()).as("the runtime client took the SnapStart path (hooks, then restore)")
                .isEqualTo(1);
        assertThat(logs).as(logs).contains("primed before the snapshot")
                .doesNotContain("priming failed").doesNotContain("PrimingFailed");
        Map<String, String> env = function.runtimeEnvironment();
        assertThat(env).doesNotContainKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")
                .containsKeys("AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN")
                .containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        assertThat(deployment.credentials.served()).as("credentials fetched from the container endpoint").isPositive();
        assertThat(deployment.credentials.refused()).as("no call without the authorization token").isZero();
    }
}
