package dev.nabla.spark.bench;

import dev.nabla.nn.Module;
import dev.nabla.tensor.Tensor;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** How far apart two networks' weights are, and the benchmarks' Spark session. */
public final class Compare {
    private Compare() {
    }

    /** A {@code local[2]} session named {@code name} on the loopback interface, without the web UI. */
    static SparkSession localTwo(String name) {
        return SparkSession.builder().master("local[2]").appName(name).config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    /** ‖a − b‖∞ / ‖a‖∞ over every tensor of the state dicts. */
    public static double relativeDifference(Module a, Module b) {
        double diff = 0;
        double scale = 0;
        for (Map.Entry<String, Tensor> e : a.stateDict().entrySet()) {
            Tensor x = e.getValue();
            Tensor y = b.stateDict().get(e.getKey());
            for (int i = 0; i < x.size(); i++) {
                diff = Math.max(diff, Math.abs(x.get(i) - y.get(i)));
                scale = Math.max(scale, Math.abs(x.get(i)));
            }
        }
        return diff / scale;
    }
}
