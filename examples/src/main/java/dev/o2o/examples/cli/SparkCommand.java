package dev.o2o.examples.cli;

import dev.o2o.spark.JvmOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code o2o spark}: runs an o2o-spark job ({@code dev.o2o.spark.Jobs}) on a local Spark, for
 * trying the Spark jobs without a cluster. o2o.jar does not contain Spark: the command starts a
 * second JVM on o2o.jar plus the Spark jars that the Maven build resolved, listed in
 * {@code spark-classpath.txt} beside the jar, with Spark's JVM options. Not thread-safe.
 */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = {"Runs an o2o-spark job on a local Spark (the jars the Maven build resolved): "
                + "stitch, profiles, rfm, clv or attribution, with the options of dev.o2o.spark.Jobs "
                + "(--input PATH --output PATH [--format parquet|csv] [job options]).",
                "Example: o2o spark rfm --master local[2] --input customers.csv --format csv --output out"})
final class SparkCommand implements Callable<Integer> {

    /** The file beside o2o.jar listing Spark's jars, written by the examples module's build. */
    static final String CLASSPATH_FILE = "spark-classpath.txt";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--master", defaultValue = "local[2]", paramLabel = "URL",
            description = "Spark master (default ${DEFAULT-VALUE})")
    String master;

    @Option(names = "--driver-memory", defaultValue = "2g", paramLabel = "SIZE",
            description = "heap of the Spark JVM (default ${DEFAULT-VALUE})")
    String memory;

    @Parameters(index = "0", paramLabel = "JOB", description = "stitch, profiles, rfm, clv or attribution")
    String jobName;

    /** The job's own options, passed on to {@code dev.o2o.spark.Jobs} in order. */
    @CommandLine.Unmatched
    List<String> jobArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path jar = ownJar();
        List<String> job = new ArrayList<>();
        job.add(jobName);
        job.addAll(jobArgs);
        List<String> command = command(javaExecutable(), jar, sparkClassPath(jar.getParent()), memory, master, job);
        Process p = new ProcessBuilder(command).inheritIO().start();
        return p.waitFor();
    }

    /** The command line of the Spark JVM. */
    static List<String> command(String java, Path jar, String sparkClassPath, String memory, String master,
                                List<String> job) {
        List<String> out = new ArrayList<>();
        out.add(java);
        out.add("-Xmx" + memory);
        out.addAll(JvmOptions.SPARK_DRIVER);
        out.add("-cp");
        out.add(jar + File.pathSeparator + sparkClassPath);
        out.add("dev.o2o.spark.Jobs");
        out.addAll(job.subList(0, 1));
        out.add("--master");
        out.add(master);
        out.addAll(job.subList(1, job.size()));
        return out;
    }

    /** The Spark class path listed in {@code dir/spark-classpath.txt}, every jar checked to exist. */
    static String sparkClassPath(Path dir) {
        Path file = dir.resolve(CLASSPATH_FILE);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("Spark's jars are not resolved (no " + file + "); build with"
                    + " './mvnw -B -DskipTests package -pl examples -am', which resolves Spark from Maven Central");
        }
        String cp;
        try {
            cp = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        for (String entry : cp.split(File.pathSeparator)) {
            if (entry.isEmpty() || !Files.exists(Path.of(entry))) {
                throw new BadInputException("Spark jar " + entry + " listed in " + file + " is missing; rebuild with"
                        + " './mvnw -B -DskipTests package -pl examples -am'");
            }
        }
        return cp;
    }

    private static Path ownJar() {
        try {
            Path p = Path.of(SparkCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(p)) {
                throw new BadInputException("o2o spark runs from o2o.jar (java -jar examples/target/o2o.jar spark ...),"
                        + " not from " + p);
            }
            return p;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
