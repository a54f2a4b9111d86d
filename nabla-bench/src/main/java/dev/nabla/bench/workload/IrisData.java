package dev.nabla.bench.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fisher's Iris (150 × 4, three species) from CSV with a header row and the species last, standardised per
 * column as x' = (x − mean)/std with the population standard deviation — the preprocessing every
 * implementation of W2 applies. The bundled copy is UCI's (CC BY 4.0), as in {@code /work/shared/data}.
 */
record IrisData(float[] features, int[] labels, int rows, int cols) {
    static final String RESOURCE = "iris.csv";

    static IrisData load(Path file) throws IOException {
        if (file != null) {
            try (InputStream in = Files.newInputStream(file)) {
                return parse(in);
            }
        }
        try (InputStream in = IrisData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("bundled " + RESOURCE + " missing from the class path");
            }
            return parse(in);
        }
    }

    static IrisData parse(InputStream in) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        Map<String, Integer> classes = new LinkedHashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        reader.readLine();
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            double[] x = new double[cells.length - 1];
            for (int j = 0; j < x.length; j++) {
                x[j] = Double.parseDouble(cells[j].trim());
            }
            rows.add(x);
            labels.add(classes.computeIfAbsent(cells[cells.length - 1].trim(), k -> classes.size()));
        }
        int n = rows.size();
        int d = rows.get(0).length;
        float[] out = new float[n * d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] r : rows) {
                mean += r[j];
            }
            mean /= n;
            double var = 0;
            for (double[] r : rows) {
                var += (r[j] - mean) * (r[j] - mean);
            }
            double std = Math.sqrt(var / n);
            for (int i = 0; i < n; i++) {
                out[i * d + j] = (float) ((rows.get(i)[j] - mean) / std);
            }
        }
        return new IrisData(out, labels.stream().mapToInt(Integer::intValue).toArray(), n, d);
    }
}
