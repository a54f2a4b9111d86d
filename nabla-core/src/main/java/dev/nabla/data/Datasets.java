package dev.nabla.data;

import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Datasets by name or path: the embedded UCI tables (iris, wine, breast_cancer, digits, diabetes; CC BY 4.0,
 * see {@code dev/nabla/data/embedded/README.md}), Fashion-MNIST from Debian's {@code dataset-fashion-mnist}
 * or a directory of IDX files, and CSV files.
 */
public final class Datasets {
    /** Where Debian's dataset-fashion-mnist package installs the files. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private static final List<Info> EMBEDDED = List.of(
            new Info("iris", "Fisher's irises: 4 measurements, 3 species", "Fisher (1936), UCI ML Repository, CC BY 4.0"),
            new Info("wine", "Wines from 3 cultivars: 13 chemical measurements", "Forina et al., UCI ML Repository, CC BY 4.0"),
            new Info("breast_cancer", "Breast cancer Wisconsin (diagnostic): 30 features, malignant/benign",
                    "Wolberg, Street and Mangasarian, UCI ML Repository, CC BY 4.0"),
            new Info("digits", "Handwritten digits, 8x8 pixels 0..16, 10 classes",
                    "Alpaydin and Kaynak, UCI ML Repository, CC BY 4.0"),
            new Info("diabetes", "Diabetes progression after one year from 10 baseline variables (regression)",
                    "Efron, Hastie, Johnstone and Tibshirani (2004)"));

    private static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private Datasets() {
    }

    /**
     * An embedded dataset's name, what it holds and where it comes from.
     *
     * @param name        the name {@link #open} accepts
     * @param description one line on the content
     * @param source      authors and licence
     */
    public record Info(String name, String description, String source) {
    }

    /** The embedded datasets. */
    public static List<Info> embedded() {
        return EMBEDDED;
    }

    /** An embedded dataset by name, with its last column as target. */
    public static Dataset embedded(String name) {
        String file = "embedded/" + name + ".csv";
        InputStream in = Datasets.class.getResourceAsStream(file);
        if (in == null || EMBEDDED.stream().noneMatch(i -> i.name().equals(name))) {
            throw new DataException("no embedded dataset '" + name + "'; embedded: " + names());
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return Csv.read(reader, name, null, null);
        } catch (IOException e) {
            throw new DataException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code nameOrPath}: an embedded dataset's name, {@code fashion-mnist} (Debian's copy), a
     * directory of MNIST-style IDX files, or a CSV file whose column {@code target} (null: the last) is the
     * target. The target of embedded and IDX datasets is fixed; naming another column is an error.
     */
    public static DataSource open(String nameOrPath, String target) {
        return open(nameOrPath, target, null);
    }

    /** {@link #open(String, String)}, reading a CSV target as {@code task} asks (null: as its values suggest). */
    public static DataSource open(String nameOrPath, String target, Task task) {
        String key = nameOrPath.toLowerCase(Locale.ROOT);
        if (EMBEDDED.stream().anyMatch(i -> i.name().equals(key))) {
            Dataset d = embedded(key);
            requireTarget(d, target);
            return DataSource.of(d);
        }
        if (key.equals("fashion-mnist") || key.equals("fashion_mnist")) {
            if (!Files.isDirectory(DEBIAN_FASHION_MNIST)) {
                throw new DataException("fashion-mnist: " + DEBIAN_FASHION_MNIST + " not found; install it with "
                        + "'apt-get install dataset-fashion-mnist' or pass the directory holding its IDX files");
            }
            return idxDirectory(DEBIAN_FASHION_MNIST, "fashion-mnist", FASHION_CLASSES);
        }
        Path path = Path.of(nameOrPath);
        if (Files.isDirectory(path)) {
            String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
            List<String> classes = name.toLowerCase(Locale.ROOT).contains("fashion") ? FASHION_CLASSES : null;
            DataSource idx = idxDirectory(path, name, classes);
            requireTarget(idx.data(), target);
            return idx;
        }
        if (!Files.exists(path)) {
            throw new DataException(nameOrPath + ": no such file, and not a dataset name (embedded: " + names()
                    + "; or fashion-mnist)");
        }
        return DataSource.of(Csv.read(path, target, task));
    }

    /**
     * A directory with MNIST-style {@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]},
     * {@code t10k-images…} and {@code t10k-labels…}; the t10k files become the preset test set.
     */
    public static DataSource idxDirectory(Path dir, String name, List<String> classNames) {
        Dataset train = idxPair(dir, "train", name, classNames);
        Dataset test = idxPair(dir, "t10k", name, classNames);
        if (test.featureCount() != train.featureCount()) {
            throw new DataException(dir + ": train images have " + train.featureCount() + " pixels, t10k images "
                    + test.featureCount());
        }
        return new DataSource(train, test, Scaling.Kind.MINMAX);
    }

    private static Dataset idxPair(Path dir, String prefix, String name, List<String> classNames) {
        Idx.Array images = Idx.read(find(dir, prefix + "-images-idx3-ubyte"));
        Idx.Array labels = Idx.read(find(dir, prefix + "-labels-idx1-ubyte"));
        if (images.items() != labels.items()) {
            throw new DataException(dir + ": " + images.items() + " " + prefix + " images but " + labels.items()
                    + " labels");
        }
        int[] y = new int[labels.items()];
        int classes = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) labels.values()[i];
            classes = Math.max(classes, y[i] + 1);
        }
        List<String> names = classNames;
        if (names == null || names.size() < classes) {
            names = new ArrayList<>();
            for (int k = 0; k < Math.max(classes, 2); k++) {
                names.add(Integer.toString(k));
            }
        }
        int d = images.itemSize();
        List<String> pixels = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            pixels.add("pixel" + j);
        }
        Tensor x = Tensor.wrap(images.values(), images.items(), d);
        return Dataset.classification(name, x, pixels, "label", y, names);
    }

    private static Path find(Path dir, String base) {
        for (String candidate : new String[] {base + ".gz", base, base.replace("-idx", ".idx")}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new DataException(dir + ": no " + base + "[.gz] file");
    }

    private static void requireTarget(Dataset d, String target) {
        if (target != null && !target.equals(d.targetName())) {
            throw new DataException(d.name() + ": the embedded dataset's target is '" + d.targetName() + "', not '"
                    + target + "'");
        }
    }

    private static String names() {
        return String.join(", ", EMBEDDED.stream().map(Info::name).toList());
    }
}
