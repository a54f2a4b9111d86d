package dev.nabla.io;

import com.google.gson.JsonPrimitive;
import dev.nabla.data.DataException;
import dev.nabla.data.Table;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Predictor;
import dev.nabla.train.TrainedModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code nabla serve}'s prediction path, one request at a time: the body's bytes in, the answer's bytes
 * {@code {"predictions": [{"label": …, "probabilities": {"class": p, …}} | {"value": v}, …]}} out, numbers as
 * {@code nabla predict} writes them (the shortest float32 form; JSON's null for a value that is not finite). Every
 * buffer — body, text, features, predictions, answer — is kept for the next request, so that once warmed up nothing
 * is allocated per row. Not for sharing between threads: one per thread, or a pool.
 */
public final class PredictionEndpoint {
    private final Predictor predictor;
    private final JsonRows json;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private byte[] body = new byte[1024];
    private int bodyLength;
    private char[] text = new char[1024];
    private byte[] answer = new byte[1024];
    private int answerLength;
    private final StringBuilder number = new StringBuilder(32);
    /** {@code {"label":"c","probabilities":{} per class c, then {@code "c":} per class. */
    private final byte[][] labels;
    private final byte[][] names;
    private final int rowBytes;

    private static final byte[] OPEN = ascii("{\"predictions\":[");
    private static final byte[] CLOSE = ascii("]}");
    private static final byte[] VALUE = ascii("{\"value\":");
    private static final byte[] NULL = ascii("null");

    public PredictionEndpoint(TrainedModel model) {
        this.predictor = new Predictor(model);
        this.json = new JsonRows(predictor);
        List<String> classes = model.classNames();
        labels = new byte[classes.size()][];
        names = new byte[classes.size()][];
        int bytes = VALUE.length + 20;
        for (int k = 0; k < classes.size(); k++) {
            String quoted = new JsonPrimitive(classes.get(k)).toString();
            labels[k] = ("{\"label\":" + quoted + ",\"probabilities\":{").getBytes(StandardCharsets.UTF_8);
            names[k] = (quoted + ":").getBytes(StandardCharsets.UTF_8);
            bytes = Math.max(bytes, labels[k].length);
        }
        for (byte[] name : names) {
            bytes += name.length + 16;
        }
        this.rowBytes = bytes + 4;
    }

    /**
     * Reads the body from {@code in} into this endpoint's buffer; returns false, having read no further, when it is
     * longer than {@code limit} bytes.
     */
    public boolean readBody(InputStream in, long limit) throws IOException {
        bodyLength = 0;
        while (true) {
            if (bodyLength == body.length) {
                body = java.util.Arrays.copyOf(body, (int) Math.min(Integer.MAX_VALUE - 8, 2L * body.length));
            }
            int n = in.read(body, bodyLength, body.length - bodyLength);
            if (n < 0) {
                return true;
            }
            bodyLength += n;
            if (bodyLength > limit) {
                return false;
            }
        }
    }

    /** The body read last, as a stream (for a CSV body). */
    public InputStream body() {
        return new java.io.ByteArrayInputStream(body, 0, bodyLength);
    }

    /**
     * Predicts the rows of the JSON body read last and writes the answer ({@link #answer()}); returns the number of
     * rows.
     *
     * @throws DataException one line naming the place at fault, e.g. {@code request: rows[2].Age: a cell must be a
     *                       number, a text or null} or {@code rows: row 1: unknown column 'Agee'; the columns are …}
     */
    public int predictJson(String source) {
        if (text.length < bodyLength) {
            text = new char[Math.max(bodyLength, 2 * text.length)];
        }
        utf8.reset();
        CharBuffer chars = CharBuffer.wrap(text);
        utf8.decode(ByteBuffer.wrap(body, 0, bodyLength), chars, true);
        utf8.flush(chars);
        int rows = json.read(text, chars.position(), source);
        return answer(rows);
    }

    /** Predicts the rows of a table (a CSV body) and writes the answer; returns the number of rows. */
    public int predict(Table table) {
        Tensor x = predictor.model().pipeline().encode(table);
        System.arraycopy(x.floats(), 0, predictor.features(x.rows()), 0, x.size());
        return answer(x.rows());
    }

    private int answer(int rows) {
        predictor.predict(rows);
        answerLength = 0;
        put(OPEN);
        for (int i = 0; i < rows; i++) {
            if (answer.length - answerLength < rowBytes) {
                answer = java.util.Arrays.copyOf(answer, Math.max(answer.length * 2, answerLength + rowBytes));
            }
            if (i > 0) {
                answer[answerLength++] = ',';
            }
            if (labels.length == 0) {
                put(VALUE);
                put(predictor.value(i));
            } else {
                put(labels[predictor.label(i)]);
                for (int k = 0; k < names.length; k++) {
                    if (k > 0) {
                        answer[answerLength++] = ',';
                    }
                    put(names[k]);
                    put(predictor.probability(i, k));
                }
                answer[answerLength++] = '}';
            }
            answer[answerLength++] = '}';
        }
        if (answer.length - answerLength < CLOSE.length) {
            answer = java.util.Arrays.copyOf(answer, answerLength + CLOSE.length);
        }
        put(CLOSE);
        return rows;
    }

    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, answer, answerLength, bytes.length);
        answerLength += bytes.length;
    }

    /** Float.toString's digits, written by StringBuilder without a string in between. */
    private void put(float v) {
        if (!Float.isFinite(v)) {
            put(NULL);
            return;
        }
        number.setLength(0);
        number.append(v);
        for (int k = 0, n = number.length(); k < n; k++) {
            answer[answerLength++] = (byte) number.charAt(k);
        }
    }

    /** The answer's bytes: {@code answer()[0, answerLength())}; overwritten by the next request. */
    public byte[] answer() {
        return answer;
    }

    public int answerLength() {
        return answerLength;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
