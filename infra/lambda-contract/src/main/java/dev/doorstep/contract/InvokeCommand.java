package dev.doorstep.contract;

import dev.doorstep.core.model.OrderKey;
import dev.doorstep.core.sending.UnsubscribeToken;
import dev.doorstep.core.sending.UnsubscribeTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code infra/bin/doorstep invoke <Function> <event.json>}: the same path as
 * {@code sam local invoke <Function> -e <event.json>}, without Docker. The function's deployment jar
 * runs under the Lambda runtime client behind aws-lambda-rie, with template.yaml's environment and
 * SnapStart's credential shape, against a fresh moto holding the template's resources (or the
 * emulator {@code AWS_ENDPOINT_URL} names). Prints the function's logs, then its response.
 */
public final class InvokeCommand {

    private InvokeCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: infra/bin/doorstep invoke <Function> <event.json>   e.g. "
                    + "infra/bin/doorstep invoke ShopApiFunction events/shop-api/get-settings.json");
            System.exit(2);
        }
        String event = Files.readString(Path.of(args[1]));
        int exit;
        try (ContractDeployment deployment = ContractDeployment.start();
                LambdaProcess function = deployment.start(args[0])) {
            // The unsubscribe samples carry a {{token}} placeholder: sign a real one with this deployment's key.
            UnsubscribeTokens tokens = new UnsubscribeTokens(deployment.aws.unsubscribeSecret.getBytes(StandardCharsets.UTF_8));
            event = event.replace("{{token}}", tokens.issue(new UnsubscribeToken(
                    new OrderKey("acme-tea.myshopify.com", "1001"), tokens.digester().of("buyer@example.com"))));
            Invocation invocation = function.invoke(event);
            System.err.print(invocation.logs());
            System.out.println(invocation.response());
            exit = invocation.failed() ? 1 : 0;
        }
        System.exit(exit);
    }
}
