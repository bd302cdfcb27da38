package dev.doorstep.contract;

import dev.doorstep.aftership.sandbox.AfterShipSandbox;
import dev.doorstep.emulator.AwsEmulator;
import dev.doorstep.emulator.AwsEmulators;
import dev.doorstep.emulator.ProjectRoot;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The local stand-in for a deployed stack: the AWS emulator with the template's resources, the
 * AfterShip sandbox as AfterShip, and the container-credentials endpoint SnapStart functions get
 * their credentials from. Functions are started from it with the template's environment.
 */
public final class ContractDeployment implements AutoCloseable {

    public final Path root = ProjectRoot.find();
    public final AwsEmulator emulator;
    public final AfterShipSandbox aftership;
    public final ContractAws aws;
    public final ContainerCredentialsEndpoint credentials;
    public final TemplateFunctions template;

    private ContractDeployment(AwsEmulator emulator) {
        this.emulator = emulator;
        emulator.reset();
        this.aftership = AfterShipSandbox.start();
        this.aws = new ContractAws(emulator, aftership.baseUrl());
        this.credentials = ContainerCredentialsEndpoint.start();
        this.template = new TemplateFunctions(root, aws.values);
    }

    /** On the emulator {@code AWS_ENDPOINT_URL} names, else moto from the project's virtualenv. */
    public static ContractDeployment start() {
        return new ContractDeployment(AwsEmulators.shared());
    }

    /** Starts {@code logicalId}'s jar as Lambda would; the first invocation runs its init and priming. */
    public LambdaProcess start(String logicalId) {
        return LambdaProcess.start(root, template.function(logicalId), localVariables());
    }

    /** The variables only the local deployment adds to a function's environment. */
    Map<String, String> localVariables() {
        Map<String, String> local = new HashMap<>(credentials.environment());
        local.put("AWS_ENDPOINT_URL", emulator.endpoint().toString());
        return local;
    }

    @Override
    public void close() {
        credentials.close();
        aftership.close();
    }
}
