package dev.nabla.io;

import dev.nabla.data.DataException;
import dev.nabla.data.RowEncoder;
import dev.nabla.data.TableReader;
import dev.nabla.train.Predictor;

/**
 * The rows of a request body {@code {"rows": [{"column": cell, …}, …]}} (JSON, RFC 8259, strict), read straight into
 * a {@link Predictor}'s encoded features: a cell is a number (its text as written), a text, true/false or null
 * (missing); a text without escapes is read where it lies, so nothing is allocated per cell or row. Errors are one
 * line naming the place, e.g. {@code request: rows[2].Age: a cell must be a number, a text or null}. Gson's streaming
 * reader would make a string of every name and cell; this reader exists so that serving allocates nothing per row.
 */
final class JsonRows {
    private static final char[] TRUE = "true".toCharArray();
    private static final char[] FALSE = "false".toCharArray();
    private static final char[] NULL = "null".toCharArray();
    private static final char[] ROWS = "rows".toCharArray();

    private final Predictor predictor;
    private final RowEncoder encoder;
    private char[] text;
    private int pos;
    private int end;
    private String source;
    /** Texts of the current row that had escapes, unescaped one after the other. */
    private char[] unescaped = new char[256];
    private int unescapedUsed;
    /** Where the last string read lies: in {@link #text} or in {@link #unescaped}. */
    private char[] stringBuf;
    private int stringStart;
    private int stringLength;

    JsonRows(Predictor predictor) {
        this.predictor = predictor;
        this.encoder = new RowEncoder(predictor.model().pipeline(), "rows");
    }

    /** Reads {@code text[0, length)} into the predictor's features; returns the number of rows. */
    int read(char[] text, int length, String source) {
        this.text = text;
        this.pos = 0;
        this.end = length;
        this.source = source;
        if (end > 0 && text[0] == '\uFEFF') {
            pos++;
        }
        int rows = -1;
        blanks();
        expect('{', "'{' (a request is {\"rows\": [{…}, …]})");
        blanks();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                unescapedUsed = 0;
                string("a name");
                if (!java.util.Arrays.equals(stringBuf, stringStart, stringStart + stringLength, ROWS, 0, 4)) {
                    throw new DataException(source + ": unknown key \"" + TableReader.shorten(new String(stringBuf,
                            stringStart, stringLength)) + "\"; a request is {\"rows\": [{…}, …]}");
                }
                colon();
                rows = rows();
                if (objectEnds()) {
                    break;
                }
            }
        }
        blanks();
        if (pos < end) {
            throw new DataException(source + ": text after the JSON object");
        }
        if (rows < 0) {
            throw new DataException(source + ": no \"rows\"; a request is {\"rows\": [{…}, …]}");
        }
        return rows;
    }

    private int rows() {
        expect('[', "'[' (the rows are a list)");
        blanks();
        if (peek() == ']') {
            pos++;
            return 0;
        }
        int n = 0;
        while (true) {
            row(n++);
            blanks();
            if (peek() == ']') {
                pos++;
                return n;
            }
            expect(',', "',' or ']'");
            blanks();
        }
    }

    private void row(int i) {
        expect('{', "'{' (a row is {\"column\": cell, …})");
        encoder.startRow();
        unescapedUsed = 0;
        blanks();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                string("a column name");
                int column = encoder.column(stringBuf, stringStart, stringLength);
                if (column < 0) {
                    throw encoder.unknownColumn(i, stringBuf, stringStart, stringLength);
                }
                int nameStart = stringStart;
                int nameLength = stringLength;
                char[] nameBuf = stringBuf;
                colon();
                cell(i, column, nameBuf, nameStart, nameLength);
                if (objectEnds()) {
                    break;
                }
            }
        }
        float[] features = predictor.features(i + 1);
        encoder.endRow(i, features, i * encoder.width());
    }

    private void cell(int i, int column, char[] nameBuf, int nameStart, int nameLength) {
        char c = peek();
        switch (c) {
            case '"' -> {
                string("a text");
                encoder.cell(column, stringBuf, stringStart, stringLength);
            }
            case 't' -> encoder.cell(column, TRUE, 0, literal(TRUE));
            case 'f' -> encoder.cell(column, FALSE, 0, literal(FALSE));
            case 'n' -> {
                literal(NULL);
                encoder.cell(column, null, 0, 0);
            }
            case '{', '[' -> throw new DataException(source + ": rows[" + i + "]."
                    + TableReader.shorten(new String(nameBuf, nameStart, nameLength))
                    + ": a cell must be a number, a text or null");
            default -> {
                int start = pos;
                number();
                encoder.cell(column, text, start, pos - start);
            }
        }
    }

    /** Reads the literal (true, false, null), followed by a delimiter; returns its length. */
    private int literal(char[] word) {
        if (end - pos < word.length || !java.util.Arrays.equals(text, pos, pos + word.length, word, 0, word.length)) {
            throw malformed("a value");
        }
        pos += word.length;
        delimiter();
        return word.length;
    }

    /** A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, followed by a delimiter. */
    private void number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (digits() == 0) {
            pos = start;
            throw malformed("a value");
        }
        if (peek() == '.') {
            pos++;
            if (digits() == 0) {
                throw malformed("a digit");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (digits() == 0) {
                throw malformed("a digit");
            }
        }
        delimiter();
    }

    private int digits() {
        int start = pos;
        while (pos < end && text[pos] >= '0' && text[pos] <= '9') {
            pos++;
        }
        return pos - start;
    }

    /** After a number or a literal: the end, a blank, ',', '}' or ']'. */
    private void delimiter() {
        char c = peek();
        if (pos < end && c != ',' && c != '}' && c != ']' && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            throw malformed("',', '}' or ']'");
        }
    }

    /** Reads a string; where its characters lie is left in stringBuf, stringStart, stringLength. */
    private void string(String what) {
        if (peek() != '"') {
            throw malformed(what);
        }
        int start = ++pos;
        while (pos < end) {
            char c = text[pos];
            if (c == '"') {
                stringBuf = text;
                stringStart = start;
                stringLength = pos++ - start;
                return;
            }
            if (c == '\\') {
                unescape(start);
                return;
            }
            if (c < 0x20) {
                throw malformed("no control character in a string");
            }
            pos++;
        }
        throw malformed("the end of the string");
    }

    /** The rest of a string that has escapes, from {@code start}, copied unescaped into {@link #unescaped}. */
    private void unescape(int start) {
        int from = unescapedUsed;
        append(text, start, pos - start);
        while (pos < end) {
            char c = text[pos++];
            if (c == '"') {
                stringBuf = unescaped;
                stringStart = from;
                stringLength = unescapedUsed - from;
                return;
            }
            if (c < 0x20) {
                pos--;
                throw malformed("no control character in a string");
            }
            if (c != '\\') {
                append(c);
                continue;
            }
            if (pos == end) {
                break;
            }
            char e = text[pos++];
            switch (e) {
                case '"', '\\', '/' -> append(e);
                case 'b' -> append('\b');
                case 'f' -> append('\f');
                case 'n' -> append('\n');
                case 'r' -> append('\r');
                case 't' -> append('\t');
                case 'u' -> append(hex4());
                default -> {
                    pos--;
                    throw malformed("an escape (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)");
                }
            }
        }
        throw malformed("the end of the string");
    }

    private char hex4() {
        if (end - pos < 4) {
            throw malformed("four hexadecimal digits");
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(text[pos], 16);
            if (d < 0) {
                throw malformed("four hexadecimal digits");
            }
            v = v << 4 | d;
            pos++;
        }
        return (char) v;
    }

    private void append(char c) {
        if (unescapedUsed == unescaped.length) {
            unescaped = java.util.Arrays.copyOf(unescaped, unescaped.length * 2);
        }
        unescaped[unescapedUsed++] = c;
    }

    private void append(char[] buf, int offset, int length) {
        if (unescapedUsed + length > unescaped.length) {
            unescaped = java.util.Arrays.copyOf(unescaped, Math.max(unescapedUsed + length, unescaped.length * 2));
        }
        System.arraycopy(buf, offset, unescaped, unescapedUsed, length);
        unescapedUsed += length;
    }

    private void blanks() {
        while (pos < end) {
            char c = text[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The character at the position, or 0 at the end. */
    private char peek() {
        return pos < end ? text[pos] : 0;
    }

    /** The ':' between a name and its value, with the blanks around it. */
    private void colon() {
        blanks();
        expect(':', "':'");
        blanks();
    }

    /** After a member of an object: true at its '}', false at the ',' before the next member (blanks skipped). */
    private boolean objectEnds() {
        blanks();
        if (peek() == '}') {
            pos++;
            return true;
        }
        expect(',', "',' or '}'");
        blanks();
        return false;
    }

    private void expect(char c, String what) {
        if (peek() != c) {
            throw malformed(what);
        }
        pos++;
    }

    /** "not a JSON request: expected X at line L, column C" (or "… but the body ends"). */
    private DataException malformed(String expected) {
        if (pos >= end) {
            return new DataException(source + ": not a JSON request: expected " + expected + " but the body ends");
        }
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < pos; k++) {
            if (text[k] == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return new DataException(source + ": not a JSON request: expected " + expected + " at line " + line
                + ", column " + (pos - lineStart + 1));
    }
}
