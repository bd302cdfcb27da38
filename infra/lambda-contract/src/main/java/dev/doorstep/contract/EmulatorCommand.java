package dev.doorstep.contract;

import dev.doorstep.emulator.ProjectRoot;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code infra/bin/doorstep emulator [port]}: moto on a fixed loopback port with the resources
 * template.yaml makes, under the names env-vars.json gives the functions, so that
 * {@code sam local invoke <Function> -e events/... --env-vars env-vars.json} (Docker) runs the
 * function against it. Runs until interrupted.
 */
public final class EmulatorCommand {

    private EmulatorCommand() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Path root = ProjectRoot.find();
        Process moto = new ProcessBuilder(root.resolve(".venv/bin/python").toString(),
                root.resolve("infra/emulator/moto/doorstep_moto_server.py").toString(), "-H", "0.0.0.0",
                "-p", Integer.toString(port)).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(moto::destroy, "moto-stop"));
        java.net.URI endpoint = java.net.URI.create("http://127.0.0.1:" + port);
        waitFor(endpoint);
        var emulator = new dev.doorstep.emulator.AwsEmulator() {
            @Override
            public String kind() {
                return "moto";
            }

            @Override
            public java.net.URI endpoint() {
                return endpoint;
            }

            @Override
            public void reset() {
                // a fresh moto
            }

            @Override
            public dev.doorstep.emulator.SentEmails sentEmails() {
                throw new UnsupportedOperationException("read the sent mail at " + endpoint + "/moto-api/data.json");
            }
        };
        try (var aftership = dev.doorstep.aftership.sandbox.AfterShipSandbox.start(port + 1)) {
            ContractAws aws = new ContractAws(emulator, aftership.baseUrl());
            System.out.println("doorstep emulator: moto on " + endpoint + " with the template's resources (table "
                    + ContractAws.TABLE + ", secret doorstep-ShopifySecret = {\"current\":\"" + ContractAws.SHOPIFY_SECRET
                    + "\"}); the AfterShip sandbox on " + aftership.baseUrl() + "; Ctrl-C to stop");
            System.out.println("  sam local invoke ShopApiFunction -e events/shop-api/get-settings.json "
                    + "--env-vars env-vars.json");
            new CountDownLatch(1).await();
        }
    }

    private static void waitFor(java.net.URI endpoint) throws InterruptedException {
        var http = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            try {
                http.send(java.net.http.HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("moto did not start on " + endpoint);
    }
}
