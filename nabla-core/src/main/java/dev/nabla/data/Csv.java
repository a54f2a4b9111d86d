package dev.nabla.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads numeric tables from CSV (RFC 4180, through FastCSV): a header row of column names, then one row per
 * example. Every error names the source, the line and the column at fault.
 */
public final class Csv {
    private Csv() {
    }

    /** The table in {@code file} with {@code target} (null: the last column) as the target. */
    public static Dataset read(Path file, String target) {
        return read(file, target, null);
    }

    /**
     * The table in {@code file} with {@code target} (null: the last column) as the target, read as the given
     * task's target (numbers for regression, classes otherwise), or as its values suggest when {@code task} is null.
     */
    public static Dataset read(Path file, String target, Task task) {
        try (Reader reader = open(file)) {
            return read(reader, file.toString(), target, task);
        } catch (IOException e) {
            throw new DataException(file + ": " + e.getMessage(), e);
        }
    }

    /** The table read from {@code reader}; {@code source} names it in messages and becomes the dataset's name. */
    public static Dataset read(Reader reader, String source, String target, Task task) {
        Table table = Table.read(reader, source);
        if (table.header().size() < 2) {
            throw new DataException(source + ": one column only; need features and a target");
        }
        int t = table.column(target);
        List<String> featureNames = new ArrayList<>(table.header());
        featureNames.remove(t);
        float[] x = table.numbers(t);
        Tensor features = Tensor.wrap(x, table.rows(), featureNames.size());
        String name = Path.of(source).getFileName().toString();
        return Targets.of(table, t, task).toDataset(name, features, featureNames, table.header().get(t));
    }

    /**
     * The feature columns of {@code file} for a model trained on {@code featureNames}: the column called
     * {@code targetName}, if present, is dropped; columns are matched by name when every name is present,
     * by position otherwise.
     *
     * @throws DataException when the number of feature columns differs from the model's
     */
    public static Tensor readFeatures(Path file, List<String> featureNames, String targetName) {
        Table table;
        try (Reader reader = open(file)) {
            table = Table.read(reader, file.toString());
        } catch (IOException e) {
            throw new DataException(file + ": " + e.getMessage(), e);
        }
        List<String> header = table.header();
        int drop = targetName == null ? -1 : header.indexOf(targetName);
        List<String> present = new ArrayList<>(header);
        if (drop >= 0) {
            present.remove(drop);
        }
        if (present.size() != featureNames.size()) {
            throw new DataException(file + ": " + present.size() + " feature columns, but the model expects "
                    + featureNames.size() + " (" + abbreviate(featureNames) + ")");
        }
        int[] columns = new int[featureNames.size()];
        boolean byName = header.containsAll(featureNames);
        for (int j = 0; j < columns.length; j++) {
            columns[j] = byName ? header.indexOf(featureNames.get(j)) : header.indexOf(present.get(j));
        }
        return Tensor.wrap(table.columns(columns), table.rows(), columns.length);
    }

    private static Reader open(Path file) throws IOException {
        try {
            if (Files.isDirectory(file)) {
                throw new DataException(file + ": is a directory, not a CSV file");
            }
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new DataException(file + ": permission denied");
        }
    }

    static String abbreviate(List<String> names) {
        return names.size() <= 6 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + ", … " + names.get(names.size() - 1);
    }

    /** The raw cells of a CSV file after its header, with their line numbers. */
    record Table(String source, List<String> header, List<String[]> cells, List<Long> lines) {

        static Table read(Reader reader, String source) {
            List<String> header = null;
            List<String[]> cells = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            try (CsvReader<CsvRecord> csv = CsvReader.builder().skipEmptyLines(true).allowExtraFields(true)
                    .allowMissingFields(true).ofCsvRecord(reader)) {
                for (CsvRecord record : csv) {
                    List<String> fields = record.getFields();
                    if (header == null) {
                        // A byte-order mark (Excel's "CSV UTF-8") would otherwise stick to the first name.
                        header = fields.stream().map(f -> f.replace("\uFEFF", "").strip()).toList();
                        continue;
                    }
                    if (fields.size() != header.size()) {
                        throw new DataException(source + ":" + record.getStartingLineNumber() + ": " + fields.size()
                                + " fields, but the header has " + header.size());
                    }
                    cells.add(fields.toArray(String[]::new));
                    lines.add(record.getStartingLineNumber());
                }
            } catch (CsvParseException e) {
                throw new DataException(source + ": " + rootMessage(e), e);
            } catch (UncheckedIOException | IOException e) {
                throw new DataException(source + ": " + rootMessage(e), e);
            }
            if (header == null) {
                throw new DataException(source + ": empty file (expected a header row)");
            }
            if (cells.isEmpty()) {
                throw new DataException(source + ": no data rows after the header");
            }
            return new Table(source, header, cells, lines);
        }

        private static String rootMessage(Throwable e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return t.getMessage() != null ? t.getMessage() : t.toString();
        }

        int rows() {
            return cells.size();
        }

        /** Index of the column called {@code name}, or the last when {@code name} is null. */
        int column(String name) {
            if (name == null) {
                return header.size() - 1;
            }
            int i = header.indexOf(name);
            if (i < 0) {
                throw new DataException(source + ": no column '" + name + "'; the columns are " + abbreviate(header));
            }
            return i;
        }

        /** All columns but {@code skip}, row-major, checked to be finite numbers. */
        float[] numbers(int skip) {
            int[] columns = new int[header.size() - 1];
            for (int j = 0, k = 0; j < header.size(); j++) {
                if (j != skip) {
                    columns[k++] = j;
                }
            }
            return columns(columns);
        }

        float[] columns(int[] columns) {
            float[] out = new float[rows() * columns.length];
            for (int i = 0; i < rows(); i++) {
                for (int j = 0; j < columns.length; j++) {
                    out[i * columns.length + j] = number(i, columns[j]);
                }
            }
            return out;
        }

        /** The cell at data row {@code i}, column {@code j} as a finite float. */
        float number(int i, int j) {
            String cell = cells.get(i)[j].strip();
            double v;
            try {
                v = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw cellError(i, j, cell.isEmpty() ? "missing value" : "'" + cell + "' is not a number");
            }
            if (!Double.isFinite(v) || Math.abs(v) > Float.MAX_VALUE) {
                throw cellError(i, j, "'" + cell + "' is not a finite number");
            }
            return (float) v;
        }

        String cell(int i, int j) {
            return cells.get(i)[j].strip();
        }

        DataException cellError(int i, int j, String what) {
            return new DataException(source + ":" + lines.get(i) + ":" + (j + 1) + " (column '" + header.get(j) + "'): "
                    + what);
        }
    }
}
