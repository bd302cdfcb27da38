package dev.doorstep.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doorstep.emulator.AwsEmulator;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.emulator.WithAwsEmulator;
import java.net.URI;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks give the functions the environment template.yaml gives them (env-vars.json, which a test keeps
 * in step with the template): a variable added there and missing here once made a benchmark fail in the
 * function's constructor.
 */
@WithAwsEmulator
class BenchEnvironmentTest {

    @Test
    void everyVariableTheTemplateSetsIsSetOrKnownNotToBeNeeded(AwsEmulator emulator) throws Exception {
        Map<String, String> bench = new BenchAccount(emulator, URI.create("http://localhost:9")).environment("t");
        JsonNode template = new ObjectMapper().readTree(ProjectRoot.find().resolve("env-vars.json").toFile());

        TreeSet<String> missing = new TreeSet<>();
        template.properties().forEach(function -> function.getValue().fieldNames().forEachRemaining(name -> {
            if (!bench.containsKey(name) && !BenchAccount.NOT_NEEDED.contains(name)) {
                missing.add(function.getKey() + "." + name);
            }
        }));

        assertThat(missing).as("set them in BenchAccount.environment, or list them in NOT_NEEDED with why").isEmpty();
    }
}
