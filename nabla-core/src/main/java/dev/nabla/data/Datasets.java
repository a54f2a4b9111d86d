package dev.nabla.data;

import dev.nabla.tensor.Tensor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Datasets by name or path: the embedded tables (the UCI tables iris, wine, breast_cancer, digits, diabetes,
 * CC BY 4.0, and the mixed-type penguins, credit_data and ames, CC0 and MIT; see
 * {@code dev/nabla/data/embedded/README.md}), Fashion-MNIST from Debian's {@code dataset-fashion-mnist} or a
 * directory of IDX files, and CSV files ({@code -} for standard input).
 */
public final class Datasets {
    /** Where Debian's dataset-fashion-mnist package installs the files. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private static final List<Info> EMBEDDED = List.of(
            new Info("iris", "Fisher's irises: 4 measurements, 3 species", "Fisher (1936), UCI ML Repository, CC BY 4.0",
                    "species"),
            new Info("wine", "Wines from 3 cultivars: 13 chemical measurements", "Forina et al., UCI ML Repository, CC BY 4.0",
                    "cultivar"),
            new Info("breast_cancer", "Breast cancer Wisconsin (diagnostic): 30 features, malignant/benign",
                    "Wolberg, Street and Mangasarian, UCI ML Repository, CC BY 4.0", "diagnosis"),
            new Info("digits", "Handwritten digits, 8x8 pixels 0..16, 10 classes",
                    "Alpaydin and Kaynak, UCI ML Repository, CC BY 4.0", "digit"),
            new Info("diabetes", "Diabetes progression after one year from 10 baseline variables (regression)",
                    "Efron, Hastie, Johnstone and Tibshirani (2004)", "progression"),
            new Info("penguins", "Palmer penguins: species from island, bill, flipper, mass, sex (text, NA cells)",
                    "Gorman, Williams and Fraser (2014), R package palmerpenguins, CC0", "species"),
            new Info("credit_data", "Credit scoring: good/bad from 13 columns (text, empty cells, 28 % bad)",
                    "Belanche Muñoz via R package modeldata, MIT", "Status"),
            new Info("ames", "Ames, Iowa house sale prices from 73 columns (40 text; regression)",
                    "De Cock (2011) via R package modeldata, MIT", "Sale_Price"));

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
     * @param target      the column predicted by default
     */
    public record Info(String name, String description, String source, String target) {
    }

    /** The embedded datasets. */
    public static List<Info> embedded() {
        return EMBEDDED;
    }

    /** An embedded dataset by name, with its usual target, read with the default table options. */
    public static Dataset embedded(String name) {
        return open(name, null).encoded();
    }

    /** The raw cells of an embedded table. */
    public static Table embeddedTable(String name, TableOptions options) {
        Info info = info(name);
        InputStream in = info == null ? null : Datasets.class.getResourceAsStream("embedded/" + name + ".csv");
        if (in == null) {
            throw new DataException("no embedded dataset '" + name + "'; embedded: " + names());
        }
        return options.reader().read(TextInput.of(name, in));
    }

    private static Info info(String name) {
        return EMBEDDED.stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * Opens {@code nameOrPath}: an embedded dataset's name, {@code fashion-mnist} (Debian's copy), a
     * directory of MNIST-style IDX files, or a CSV file ({@code -}: standard input) whose column {@code target}
     * (null: the last) is the target. The target of IDX datasets is fixed; naming another column is an error.
     */
    public static DataSource open(String nameOrPath, String target) {
        return open(nameOrPath, target, TableOptions.defaults());
    }

    /** {@link #open(String, String)}, reading a CSV target as {@code task} asks (null: as its values suggest). */
    public static DataSource open(String nameOrPath, String target, Task task) {
        return open(nameOrPath, target, TableOptions.defaults().withTask(task));
    }

    /** {@link #open(String, String)} with the given table options (missing tokens, column kinds, task, …). */
    public static DataSource open(String nameOrPath, String target, TableOptions options) {
        String key = nameOrPath.toLowerCase(Locale.ROOT);
        Info info = info(key);
        if (info != null) {
            return DataSource.of(embeddedTable(key, options), target != null ? target : info.target(), options);
        }
        if (key.equals("fashion-mnist") || key.equals("fashion_mnist")) {
            if (!Files.isDirectory(DEBIAN_FASHION_MNIST)) {
                throw new DataException("fashion-mnist: " + DEBIAN_FASHION_MNIST + " not found; install it with "
                        + "'apt-get install dataset-fashion-mnist' or pass the directory holding its IDX files");
            }
            return idxDirectory(DEBIAN_FASHION_MNIST, "fashion-mnist", FASHION_CLASSES);
        }
        if (nameOrPath.equals("-")) {
            return DataSource.of(options.reader().read(TextInput.open("-")), target, options);
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
        return DataSource.of(options.reader().read(TextInput.open(path)), target, options);
    }

    /**
     * Labelled rows of {@code nameOrPath} as a model reads them: a table's columns encoded by {@code pipeline} (found
     * by name; rows without a target left out), its target column {@code target} read as {@code task}; for IDX data,
     * the dataset's own test set when it has one.
     */
    public static Dataset labelled(String nameOrPath, String target, Pipeline pipeline, Task task) {
        Table table = rawTable(nameOrPath, pipeline);
        if (table == null) {
            DataSource idx = open(nameOrPath, target);
            return idx.presetTest() != null ? idx.presetTest() : idx.data();
        }
        Target t = Target.of(table, target != null ? target : defaultTarget(nameOrPath), task);
        Table rows = table.subset(t.rows());
        return t.toDataset(rows.source(), pipeline.encode(rows), pipeline.names());
    }

    /**
     * The rows of {@code nameOrPath} to predict, encoded by {@code pipeline} (columns found by name, others ignored;
     * a target column may be there or not); for IDX data, the dataset's own test set when it has one.
     */
    public static dev.nabla.tensor.Tensor features(String nameOrPath, Pipeline pipeline) {
        Table table = rawTable(nameOrPath, pipeline);
        if (table == null) {
            DataSource idx = open(nameOrPath, null);
            return (idx.presetTest() != null ? idx.presetTest() : idx.data()).withFeatureOrder(pipeline.names())
                    .features();
        }
        return pipeline.encode(table);
    }

    /** The raw table of an embedded dataset, a CSV file or standard input, read as {@code pipeline} reads; null for IDX. */
    private static Table rawTable(String nameOrPath, Pipeline pipeline) {
        String key = nameOrPath.toLowerCase(Locale.ROOT);
        TableOptions options = TableOptions.defaults();
        options = new TableOptions(pipeline.missing(), null, options.categorical(), options.numeric(), options.ignore(),
                options.impute(), options.maxOneHot(), options.minLevelRows(), null);
        if (info(key) != null) {
            return embeddedTable(key, options);
        }
        if (nameOrPath.equals("-")) {
            return options.reader().read(TextInput.open("-"));
        }
        Path path = Path.of(nameOrPath);
        if (Files.isRegularFile(path)) {
            return options.reader().read(TextInput.open(path));
        }
        if (key.equals("fashion-mnist") || key.equals("fashion_mnist") || Files.isDirectory(path)) {
            return null;
        }
        throw new DataException(nameOrPath + ": no such file, and not a dataset name (embedded: " + names()
                + "; or fashion-mnist)");
    }

    /** The usual target of an embedded dataset; null (the last column) for a file. */
    private static String defaultTarget(String nameOrPath) {
        Info info = info(nameOrPath.toLowerCase(Locale.ROOT));
        return info == null ? null : info.target();
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
        Path imageFile = find(dir, prefix + "-images-idx3-ubyte");
        Path labelFile = find(dir, prefix + "-labels-idx1-ubyte");
        Idx.Array images = Idx.read(imageFile);
        Idx.Array labels = Idx.read(labelFile);
        if (images.items() != labels.items()) {
            throw new DataException(imageFile + " holds " + images.items() + " images but " + labelFile + " "
                    + labels.items() + " labels");
        }
        int[] y = Idx.labels(labels, labelFile.toString(), classNames == null ? 0 : classNames.size());
        int classes = 0;
        for (int label : y) {
            classes = Math.max(classes, label + 1);
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
            throw new DataException(d.name() + ": the dataset's target is '" + d.targetName() + "', not '"
                    + target + "'");
        }
    }

    private static String names() {
        return String.join(", ", EMBEDDED.stream().map(Info::name).toList());
    }
}
