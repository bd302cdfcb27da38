package dev.doorstep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.emulator.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every function of template.yaml has a contract test, and every sample under events/ is invoked by
 * one: a new function or sample without its contract fails here.
 */
class EverySampleIsCoveredTest {

    static final Path TESTS = ProjectRoot.find().resolve("infra/lambda-contract/src/test/java/dev/doorstep/contract");

    @Test
    void everyFunctionAndEverySampleHasAContract() throws IOException {
        String contracts;
        try (Stream<Path> files = Files.list(TESTS)) {
            contracts = String.join("\n", files.filter(f -> f.toString().endsWith("ContractTest.java"))
                    .map(EverySampleIsCoveredTest::read).toList());
        }
        List<String> functions = new TemplateFunctions(ProjectRoot.find(), new LocalStackValues()).logicalIds();
        assertThat(functions).hasSizeGreaterThanOrEqualTo(10);
        for (String function : functions) {
            assertThat(contracts).as("a contract test for " + function).contains("return \"" + function + "\";");
        }
        for (String sample : Samples.all()) {
            String name = sample.substring(sample.indexOf('/') + 1);
            assertThat(contracts).as("a contract test invoking events/" + sample).contains(name);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
