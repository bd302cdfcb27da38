package dev.doorstep.contract;

import java.nio.file.Path;
import java.util.Map;

/**
 * One function of template.yaml as Lambda would run it: its handler, its deployment jar, its memory
 * and timeout, and exactly the environment variables the template gives it, with the intrinsic
 * functions resolved to the local emulator's resources.
 */
public record LambdaFunctionSpec(String logicalId, String handler, Path codeUri, int memoryMb, int timeoutSeconds,
        String logGroup, Map<String, String> environment) {

    public LambdaFunctionSpec {
        environment = Map.copyOf(environment);
    }
}
