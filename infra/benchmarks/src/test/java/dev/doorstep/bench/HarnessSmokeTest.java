package dev.doorstep.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's own arithmetic and file handling; the benchmarks themselves run only from infra/bin/bench. */
class HarnessSmokeTest {

    @Test
    void aSampleReportsItsMedianAndQuartiles() {
        Sample s = new Sample();
        for (double v : new double[] {5, 1, 4, 2, 3}) {
            s.add(v);
        }
        assertThat(s.median()).isEqualTo(3);
        assertThat(s.quantile(0.25)).isEqualTo(2);
        assertThat(s.quantile(0.75)).isEqualTo(4);
        assertThat(s.describe("%.0f")).isEqualTo("3 (2–4, n=5)");
    }

    @Test
    void callCountsAreSummedFromTheProbeLine() {
        assertThat(Report.totalCalls("DynamoDb.GetItem=40 DynamoDb.PutItem=20 Secrets Manager.GetSecretValue=1"))
                .isEqualTo(61);
    }

    @Test
    void aRunReplacesOnlyTheGeneratedPartOfTheResultsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, "# Benchmarks\n\nnotes before\n\n" + Report.BEGIN + "\nold figures\n" + Report.END
                + "\n\nnotes after\n");
        new Report().pollCost(java.util.List.of()).writeInto(file);
        String text = Files.readString(file);
        assertThat(text).contains("notes before", "notes after", "### 2. Poll cost").doesNotContain("old figures");
    }
}
