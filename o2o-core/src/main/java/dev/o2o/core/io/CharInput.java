package dev.o2o.core.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Buffered characters with their running index, shared by the CSV parser and the NDJSON line
 * reader, so that both can ask which bad byte sequences (see {@link DecodingReader}) fell inside
 * the record they just read. Not thread-safe.
 */
final class CharInput implements AutoCloseable {

    /** The longest record (CSV) or line (NDJSON) read, in characters: 1 MiB. */
    static final int MAX_RECORD_CHARS = 1 << 20;

    private final Reader in;
    private final DecodingReader decoding;
    private final char[] buf = new char[1 << 16];
    private long bufStart;
    private int pos;
    private int len;

    CharInput(Reader in) {
        this.in = Objects.requireNonNull(in, "in");
        this.decoding = in instanceof DecodingReader d ? d : null;
    }

    /** The next character, or -1 at the end of input. */
    int read() {
        if (pos == len) {
            bufStart += len;
            pos = 0;
            try {
                len = Math.max(0, in.read(buf, 0, buf.length));
            } catch (IOException e) {
                len = 0;
                throw new UncheckedIOException(e);
            }
            if (len == 0) {
                return -1;
            }
        }
        return buf[pos++];
    }

    /** The next character without consuming it, or -1. */
    int peek() {
        int c = read();
        if (c >= 0) {
            pos--;
        }
        return c;
    }

    /**
     * Moves the characters from here up to (not including) the next {@code '"'}, CR, LF or
     * {@code stop}, at most {@code max} of them and only as far as the buffered ones go, to
     * {@code out}; returns how many. The CSV parser's fast path: a field's plain run is copied
     * as one range instead of character by character.
     */
    int copyPlain(StringBuilder out, char stop, int max) {
        char[] b = buf;
        int start = pos;
        int end = Math.min(len, start + Math.max(0, max));
        int i = start;
        while (i < end) {
            char c = b[i];
            if (c == '"' || c == '\n' || c == '\r' || c == stop) {
                break;
            }
            i++;
        }
        out.append(b, start, i - start);
        pos = i;
        return i - start;
    }

    /**
     * Moves the characters from here up to (not including) the next CR or LF, at most {@code max}
     * of them and only as far as the buffered ones go, to {@code out}; returns how many. The NDJSON
     * reader's line copy: one range instead of one {@code append} per character.
     */
    int copyToLineEnd(StringBuilder out, int max) {
        char[] b = buf;
        int start = pos;
        int end = Math.min(len, start + Math.max(0, max));
        int i = start;
        while (i < end && b[i] != '\n' && b[i] != '\r') {
            i++;
        }
        out.append(b, start, i - start);
        pos = i;
        return i - start;
    }

    /** How many characters were read so far. */
    long index() {
        return bufStart + pos;
    }

    /**
     * Why the characters before {@code end} (and after earlier calls' ends) are not what the
     * input said: the first bad byte sequence among them, described with its byte offset.
     */
    Optional<String> badBytesBefore(long end) {
        if (decoding == null) {
            return Optional.empty();
        }
        DecodingReader.Malformed m = decoding.takeBefore(end);
        return m == null ? Optional.empty() : Optional.of(m.describe(decoding.charset()));
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
