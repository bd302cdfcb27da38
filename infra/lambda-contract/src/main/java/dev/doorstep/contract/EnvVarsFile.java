package dev.doorstep.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doorstep.emulator.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;

/**
 * env-vars.json, the {@code sam local invoke --env-vars} file: per function, the environment
 * template.yaml gives it, resolved to the resources {@code infra/bin/doorstep emulator} makes, with
 * AWS_ENDPOINT_URL pointing the function (in SAM's container) at that emulator on the host. Generated
 * from the template (run this class's main after changing a function's variables); a test checks the
 * committed file is current.
 */
public final class EnvVarsFile {

    static final String EMULATOR = "http://host.docker.internal:5000";
    static final String AFTERSHIP = "http://host.docker.internal:5001";

    private EnvVarsFile() {
    }

    public static String render(Path root) {
        TemplateFunctions template = new TemplateFunctions(root, ContractAws.stableNames(EMULATOR, AFTERSHIP));
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode file = json.createObjectNode();
        for (String function : template.logicalIds()) {
            ObjectNode env = file.putObject(function);
            new TreeMap<>(template.function(function).environment()).forEach(env::put);
            env.put("AWS_ENDPOINT_URL", EMULATOR);
        }
        try {
            return json.writeValueAsString(file) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws IOException {
        Path root = ProjectRoot.find();
        Files.writeString(root.resolve("env-vars.json"), render(root));
    }
}
