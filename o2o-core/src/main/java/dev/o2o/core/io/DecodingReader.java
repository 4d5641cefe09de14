package dev.o2o.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Decodes a byte stream like {@link java.io.InputStreamReader}, but a malformed or unmappable
 * byte sequence does not end the read: it becomes U+FFFD and is remembered with its byte offset
 * and the index of the character that replaced it. The record readers ask, once a record is
 * read, whether a bad sequence fell inside it, and reject that record alone with the byte
 * offset; the records around it are read as usual.
 *
 * <p>Why not the JDK's reader: with {@code REPORT} it throws and the rest of the input is lost;
 * with {@code REPLACE} the bad bytes are silently changed into U+FFFD. Not thread-safe.
 */
final class DecodingReader extends Reader {

    /** A bad byte sequence: the character index that replaced it, its byte offset and first byte. */
    record Malformed(long charIndex, long byteOffset, int firstByte, boolean unmappable) {
        String describe(Charset charset) {
            return (unmappable ? "unmappable " : "invalid ") + charset.name() + " input at byte offset " + byteOffset
                    + " (byte 0x" + String.format("%02X", firstByte) + ")";
        }
    }

    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private final ArrayDeque<Malformed> malformed = new ArrayDeque<>();
    private long bytesBefore;
    private long charsOut;
    private boolean eof;
    private boolean flushed;

    DecodingReader(InputStream in, Charset charset) {
        this(in, charset, 0);
    }

    /** A reader of bytes that start at {@code byteOffset} of a file, so that messages give offsets in the file. */
    DecodingReader(InputStream in, Charset charset, long byteOffset) {
        this.bytesBefore = byteOffset;
        this.in = Objects.requireNonNull(in, "in");
        this.charset = Objects.requireNonNull(charset, "charset");
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        bytes.flip();
    }

    Charset charset() {
        return charset;
    }

    /**
     * The first bad sequence replaced before character index {@code charEnd}, if any; it and any
     * others before that index are forgotten.
     */
    Malformed takeBefore(long charEnd) {
        Malformed first = null;
        while (!malformed.isEmpty() && malformed.peekFirst().charIndex() < charEnd) {
            Malformed m = malformed.pollFirst();
            if (first == null) {
                first = m;
            }
        }
        return first;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, cbuf.length);
        if (len == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (out.position() == off && !flushed) { // a flushed decoder must not decode again
            CoderResult r = decoder.decode(bytes, out, eof);
            if (r.isError()) {
                if (!out.hasRemaining()) {
                    break;
                }
                int at = bytes.position();
                malformed.addLast(new Malformed(charsOut + out.position() - off, bytesBefore + at,
                        bytes.get(at) & 0xFF, r.isUnmappable()));
                out.put('\uFFFD');
                bytes.position(at + r.length());
            } else if (r.isOverflow()) {
                break;
            } else if (!eof) {
                fill();
            } else {
                flushed = true;
                decoder.flush(out);
            }
        }
        int n = out.position() - off;
        charsOut += n;
        return n == 0 ? -1 : n;
    }

    private void fill() throws IOException {
        bytesBefore += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
