package dev.doorstep.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doorstep.emulator.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** env-vars.json says what template.yaml says, so `sam local invoke --env-vars` runs what AWS runs. */
class EnvVarsFileTest {

    @Test
    void theCommittedFileIsTheTemplatesEnvironment() throws IOException {
        Path root = ProjectRoot.find();
        assertThat(Files.readString(root.resolve("env-vars.json")))
                .as("regenerate with: java -cp infra/lambda-contract/target/doorstep-lambda-contract.jar "
                        + "dev.doorstep.contract.EnvVarsFile")
                .isEqualTo(EnvVarsFile.render(root));
    }
}
