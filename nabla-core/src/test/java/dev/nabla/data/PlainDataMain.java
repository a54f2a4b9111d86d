package dev.nabla.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Run in a child JVM by {@link PlainDataPathTest}, with and without the Vector API module: reads a file large
 * enough to be split, parses numbers inside a longer buffer, builds a category encoder, and prints what it found.
 */
public final class PlainDataMain {
    private PlainDataMain() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        if (!Files.exists(file)) {
            write(file);
        }
        Table split = SplitRead.read(file, file.toString(), new Tokens(TableReader.DEFAULT_MISSING), ',');
        Table table = TableOptions.defaults().reader().read(TextInput.open(file));
        long sum = 0;
        for (Table.Column c : table.columns()) {
            for (int i = 0; i < table.rows(); i++) {
                sum = 31 * sum + Float.floatToIntBits(c.number(i)) + c.code(i);
            }
        }
        char[] cells = "-12.3456,7,.5,1e3,abc,-0,99999999,".toCharArray();
        StringBuilder numbers = new StringBuilder();
        for (int from = 0, to; (to = new String(cells).indexOf(',', from)) >= 0; from = to + 1) {
            numbers.append(Numbers.parse(cells, from, to - from)).append(' ');
        }
        int level = new CategoryEncoder("c", List.of("a", "b"), false, false, 0).indexOf("b");
        System.out.println("split=" + (split != null) + " rows=" + table.rows() + " cells=" + sum + " numbers="
                + numbers.toString().strip() + " level=" + level);
    }

    /** About 9 MB (the split reading starts at 8): numbers, missing cells, texts, quoted fields with commas. */
    private static void write(Path file) throws IOException {
        SplittableRandom r = new SplittableRandom(9);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("x,y,name,z\n");
            for (int i = 0; i < 300_000; i++) {
                String x = r.nextInt(40) == 0 ? "" : String.format(Locale.ROOT, "%.4f", r.nextGaussian() * 100);
                String name = r.nextInt(10) == 0 ? "\"q, " + r.nextInt(5) + "\"" : "level" + r.nextInt(30);
                w.write(x + "," + r.nextInt(1000) + "," + name + "," + (r.nextBoolean() ? "yes" : "no") + "\n");
            }
        }
    }
}
