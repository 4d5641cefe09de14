package dev.o2o.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;

import java.util.Set;

/**
 * The one local[2] SparkSession that every test class of the run shares (starting Spark costs
 * seconds; a session per class would cost more than the tests). Tests on a Java version Spark
 * does not support are skipped with a message naming the supported ones.
 */
final class SparkTestSession {

    /** Spark 4.2.0 runs on Java 17, 21 and 25 (its docs: Java 25 before 25.0.3 is deprecated). */
    static final Set<Integer> SUPPORTED_JAVA = Set.of(17, 21, 25);

    private static SparkSession session;

    private SparkTestSession() {
    }

    static synchronized SparkSession get() {
        int feature = Runtime.version().feature();
        Assumptions.assumeTrue(SUPPORTED_JAVA.contains(feature), "Spark 4.2 supports Java 17, 21 and 25;"
                + " this JVM is Java " + Runtime.version() + ", so the o2o-spark tests are skipped");
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("o2o-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "4")
                    .getOrCreate();
        }
        return session;
    }
}
