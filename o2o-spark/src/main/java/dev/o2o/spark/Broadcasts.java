package dev.o2o.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

import java.io.NotSerializableException;
import java.util.Objects;

/**
 * Broadcasts a fitted model with Spark's serializer (Java serialization by default: every field
 * is carried as it is, so each executor's copy scores exactly as the driver's model). Spark
 * serializes the value on the driver when the broadcast is made, so a model that holds
 * something not serializable fails here, before any stage runs.
 */
final class Broadcasts {

    private Broadcasts() {
    }

    static <T> Broadcast<T> of(SparkSession spark, T model, String what) {
        Objects.requireNonNull(model, what);
        try {
            return JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(model);
        } catch (Exception e) { // Scala code throws the checked NotSerializableException undeclared
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof NotSerializableException n) {
                    throw new IllegalArgumentException(what + " " + model.getClass().getName()
                            + " cannot be broadcast: it holds a value that is not serializable (" + n.getMessage()
                            + "); models that keep a caller's function need that function to be serializable", e);
                }
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
