package dev.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file of many chunks is parsed on a second thread while FastCSV reads on: the cells, codes and row lines are
 * those of the file in order, and the first error in the file is the one reported.
 */
class LargeTableTest {
    private static final int ROWS = 60_000;

    @TempDir
    Path dir;

    /** Row i: its number, a text level of i mod 7 (missing when i mod 11 is 0), a number with blanks. */
    private Path write(String name, int badRow, String badCell, int raggedRow) throws IOException {
        StringBuilder sb = new StringBuilder("id,level,x\n");
        for (int i = 0; i < ROWS; i++) {
            String level = i % 11 == 0 ? "NA" : "level-" + (i % 7);
            String x = i == badRow ? badCell : String.format(Locale.ROOT, " %.3f ", i * 0.25);
            sb.append(i).append(',').append(level).append(',').append(x);
            sb.append(i == raggedRow ? ",extra\n" : "\n");
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    @Test
    void everyCellOfManyChunksIsReadInOrder() throws IOException {
        Table t = new TableReader().read(TextInput.open(write("big.csv", -1, null, -1)));
        assertThat(t.rows()).isEqualTo(ROWS);
        Table.Column id = t.column("id");
        Table.Column level = t.column("level");
        Table.Column x = t.column("x");
        for (int i = 0; i < ROWS; i++) {
            assertThat(id.number(i)).isEqualTo((float) i);
            assertThat(x.number(i)).isEqualTo((float) (i * 0.25));
            assertThat(level.level(i)).isEqualTo(i % 11 == 0 ? null : "level-" + (i % 7));
            assertThat(t.line(i)).isEqualTo(i + 2L);
        }
        // Codes in order of first appearance: row 1 is level-1, row 2 level-2, …, row 7 level-0.
        assertThat(level.texts()).containsExactly("level-1", "level-2", "level-3", "level-4", "level-5", "level-6",
                "level-0");
    }

    @Test
    void theFirstErrorInTheFileIsReportedWhereverItsChunkIs() throws IOException {
        Path late = write("late.csv", 50_000, "1e999", -1);
        assertThatThrownBy(() -> new TableReader().read(TextInput.open(late)))
                .hasMessage(late + ":50002:3 (column 'x'): '1e999' is beyond float32's range (±3.4e38)");
        Path both = write("both.csv", 40_000, "inf", 55_000);
        assertThatThrownBy(() -> new TableReader().read(TextInput.open(both)))
                .hasMessage(both + ":40002:3 (column 'x'): 'inf' is not a finite number");
        Path ragged = write("ragged.csv", 58_000, "-Infinity", 30_000);
        assertThatThrownBy(() -> new TableReader().read(TextInput.open(ragged)))
                .hasMessage(ragged + ":30002: 4 fields, but the header has 3");
    }
}
