package dev.nabla.spark;

import org.apache.spark.sql.SparkSession;

/** One local Spark session for the tests of this JVM: 4 task slots on the loopback interface, no web UI. */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder().master("local[4]").appName("nabla-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.locality.wait", "0")
                    .getOrCreate();
        }
        return session;
    }
}
