package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file read in two parts at once gives the table, or the error, of a reading in one go. */
class SplitReadTest {
    private static final String[] SEPARATORS = {",", ";", "\t", "|"};
    private static final String[] MISSING = {"", "NA", "?", "null", " n/a "};

    @TempDir
    Path dir;

    @BeforeEach
    void twoCores() {
        assumeThat(Runtime.getRuntime().availableProcessors()).isGreaterThan(1);
    }

    @Property(tries = 400, shrinking = ShrinkingMode.OFF)
    void givesTheTableOrErrorOfAReadingInOneGo(@ForAll long seed) throws IOException {
        Path f = Files.createTempFile("split", ".csv");
        try {
            Files.write(f, file(new SplittableRandom(seed), true));
            assertSameOutcome(f);
        } finally {
            Files.delete(f);
        }
    }

    @Property(tries = 100, shrinking = ShrinkingMode.OFF)
    void wellFormedFilesAreReadInParts(@ForAll long seed) throws IOException {
        Path f = Files.createTempFile("split", ".csv");
        try {
            Files.write(f, file(new SplittableRandom(seed), false, 20));
            assertThat(inParts(f)).as("read in parts").isNotNull();
            assertSameOutcome(f);
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void quotedLineBreaksAroundTheSplitAndLevelsFirstSeenInTheSecondPart() throws IOException {
        StringBuilder s = new StringBuilder("id,note,kind\r\n");
        for (int i = 0; i < 400; i++) {
            String kind = i < 150 ? "early" + (i % 3) : "late" + (i % 5);
            s.append(i).append(",\"line one\r\nline \"\"two\"\",\n").append(i % 7 == 0 ? "" : "x")
                    .append("\",").append(kind).append("\r\n");
        }
        Path f = Files.writeString(dir.resolve("q.csv"), s);
        Table parts = inParts(f);
        assertThat(parts).isNotNull();
        Table whole = new TableReader().read(TextInput.open(f), Long.MAX_VALUE);
        assertSame(parts, whole);
        assertThat(parts.column("kind").texts()).startsWith("early0", "early1", "early2", "late0");
        assertThat(parts.line(399)).isEqualTo(1 + 3 * 399 + 1);
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsNotTakenForAnOpeningQuote() throws IOException {
        // The byte count of quotes is odd before every later line break: parity finds no split, or one the parser
        // does not confirm; either way the table is the one read in one go.
        StringBuilder s = new StringBuilder("a,b\n1,5\"inch\n");
        for (int i = 0; i < 300; i++) {
            s.append(i).append(",t").append(i % 11).append('\n');
        }
        Path f = Files.writeString(dir.resolve("odd.csv"), s);
        assertSameOutcome(f);
    }

    @Test
    void errorsInEitherPartAreThoseOfAReadingInOneGo() throws IOException {
        for (String bad : List.of("inf", "1e39", "1,2,3")) {
            for (int at : new int[] {10, 290}) {
                StringBuilder s = new StringBuilder("a,b\n");
                for (int i = 0; i < 300; i++) {
                    s.append(i).append(',').append(i == at ? bad : "v" + (i % 4)).append('\n');
                }
                Path f = Files.writeString(dir.resolve("e.csv"), s);
                String expected = "e.csv:" + (at + 2) + ":";
                assertThat(outcome(f, 0)).contains(expected).isEqualTo(outcome(f, Long.MAX_VALUE));
            }
        }
    }

    private static Table inParts(Path f) throws IOException {
        char separator;
        try (java.io.BufferedReader header = new java.io.BufferedReader(TextInput.open(f))) {
            separator = TableReader.detect(header, f.toString());
        }
        return SplitRead.read(f, f.toString(), new TableReader().missingTokens(), separator);
    }

    private static void assertSameOutcome(Path f) {
        Object parts = result(f, 0);
        Object whole = result(f, Long.MAX_VALUE);
        if (parts instanceof Table p && whole instanceof Table w) {
            assertSame(p, w);
        } else {
            assertThat(String.valueOf(parts)).isEqualTo(String.valueOf(whole));
        }
    }

    private static String outcome(Path f, long minBytes) {
        return String.valueOf(result(f, minBytes));
    }

    private static Object result(Path f, long minBytes) {
        try {
            return new TableReader().read(TextInput.open(f), minBytes);
        } catch (DataException e) {
            return "DataException: " + e.getMessage();
        }
    }

    static void assertSame(Table a, Table b) {
        assertThat(a.source()).isEqualTo(b.source());
        assertThat(a.sha256()).isEqualTo(b.sha256());
        assertThat(a.names()).isEqualTo(b.names());
        assertThat(a.rows()).isEqualTo(b.rows());
        for (int i = 0; i < a.rows(); i++) {
            assertThat(a.line(i)).as("line of row %d", i).isEqualTo(b.line(i));
        }
        for (int j = 0; j < a.columns().size(); j++) {
            Table.Column x = a.columns().get(j);
            Table.Column y = b.columns().get(j);
            assertThat(x.texts()).isEqualTo(y.texts());
            for (int i = 0; i < a.rows(); i++) {
                assertThat(Float.floatToRawIntBits(x.number(i))).isEqualTo(Float.floatToRawIntBits(y.number(i)));
                assertThat(x.code(i)).as("code of row %d in %s", i, x.name()).isEqualTo(y.code(i));
                assertThat(x.level(i)).isEqualTo(y.level(i));
            }
        }
    }

    /** A random table: separators, CRLF, BOM, quoted fields with breaks, missing tokens, blank lines, late levels. */
    private static byte[] file(SplittableRandom r, boolean faults) {
        return file(r, faults, 2);
    }

    private static byte[] file(SplittableRandom r, boolean faults, int minRows) {
        String sep = SEPARATORS[r.nextInt(SEPARATORS.length)];
        String eol = r.nextBoolean() ? "\n" : "\r\n";
        int width = 1 + r.nextInt(5);
        int rows = minRows + r.nextInt(80);
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder();
        for (int j = 0; j < width; j++) {
            header.append(j == 0 ? "" : sep).append(r.nextInt(5) == 0 ? "\"c " + j + "\"" : "c" + j);
        }
        lines.add(header.toString());
        for (int i = 0; i < rows; i++) {
            StringBuilder row = new StringBuilder();
            int cells = faults && r.nextInt(150) == 0 ? width + r.nextInt(3) - 1 : width;
            for (int j = 0; j < cells; j++) {
                row.append(j == 0 ? "" : sep).append(cell(r, sep, eol, i, faults));
            }
            if (row.isEmpty() && width == 1) {
                row.append("0");
            }
            lines.add(row.toString());
            if (r.nextInt(30) == 0) {
                lines.add("");
            }
        }
        String text = String.join(eol, lines) + (r.nextBoolean() ? eol : "");
        if (faults && r.nextInt(40) == 0) {
            text += eol + "\"never closed" + eol + "1";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (r.nextInt(4) == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (faults && r.nextInt(40) == 0) {
            bytes[r.nextInt(bytes.length)] = (byte) 0xFF;
        }
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    private static String cell(SplittableRandom r, String sep, String eol, int row, boolean faults) {
        int kind = r.nextInt(faults ? 13 : 11);
        return switch (kind) {
            case 0, 1 -> Integer.toString(r.nextInt(2000) - 1000);
            case 2 -> String.format(java.util.Locale.ROOT, "%.3f", r.nextGaussian() * 100);
            case 3 -> r.nextInt(1, 9) + "e" + r.nextInt(-5, 5);
            case 4 -> MISSING[r.nextInt(MISSING.length)];
            case 5, 6 -> "lv" + r.nextInt(1 + row / 4);
            case 7 -> " Lv" + r.nextInt(3) + " ";
            case 8 -> "\"q" + sep + r.nextInt(4) + eol + "x\"\"y\"";
            case 9 -> "\"" + eol + "\"";
            case 10 -> Long.toString(100_000_000_000L + r.nextInt(5));
            case 11 -> r.nextBoolean() ? "inf" : "-1e40";
            default -> "5\"in" + (r.nextBoolean() ? "" : "\"");
        };
    }
}
