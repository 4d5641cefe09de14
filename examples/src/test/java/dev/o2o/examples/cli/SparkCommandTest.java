package dev.o2o.examples.cli;

import dev.o2o.spark.JvmOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparkCommandTest {

    @Test
    void theSparkJvmRunsJobsWithTheMasterAndSparksOptions() {
        List<String> cmd = SparkCommand.command("java", Path.of("/x/o2o.jar"), "/m2/spark.jar", "2g", "local[2]",
                List.of("rfm", "--input", "in.csv", "--format", "csv"));
        List<String> expected = new ArrayList<>(List.of("java", "-Xmx2g"));
        expected.addAll(JvmOptions.SPARK_DRIVER);
        expected.addAll(List.of("-cp", "/x/o2o.jar" + File.pathSeparator + "/m2/spark.jar", "dev.o2o.spark.Jobs",
                "rfm", "--master", "local[2]", "--input", "in.csv", "--format", "csv"));
        assertEquals(expected, cmd);
    }

    @Test
    void aMissingOrStaleClassPathFileIsABadInputWithTheBuildCommand(@TempDir Path dir) throws Exception {
        BadInputException none = assertThrows(BadInputException.class, () -> SparkCommand.sparkClassPath(dir));
        assertTrue(none.getMessage().contains("./mvnw -B -DskipTests package -pl examples -am"), none.getMessage());
        Path jar = Files.createFile(dir.resolve("a.jar"));
        Files.writeString(dir.resolve(SparkCommand.CLASSPATH_FILE), jar + File.pathSeparator + dir.resolve("gone.jar"));
        BadInputException stale = assertThrows(BadInputException.class, () -> SparkCommand.sparkClassPath(dir));
        assertTrue(stale.getMessage().startsWith("Spark jar " + dir.resolve("gone.jar") + " listed in"),
                stale.getMessage());
        Files.writeString(dir.resolve(SparkCommand.CLASSPATH_FILE), jar + "\n");
        assertEquals(jar.toString(), SparkCommand.sparkClassPath(dir));
    }

    @Test
    void jobOptionsReachTheCommandAndAJobIsRequired() {
        Cli missing = Cli.run("spark");
        assertEquals(2, missing.exit, missing.toString());
        assertTrue(missing.err.contains("Missing required parameter: 'JOB'"), missing.toString());
        // run from the test classes (not o2o.jar), the command stops before starting a JVM
        Cli fromClasses = Cli.run("spark", "rfm", "--input", "a.csv", "--output", "out");
        assertEquals(2, fromClasses.exit, fromClasses.toString());
        assertTrue(fromClasses.err.contains("o2o spark runs from o2o.jar"), fromClasses.toString());
    }
}
