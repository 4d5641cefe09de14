package dev.o2o.core.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * How error messages quote values taken from input, so that a hostile value (a megabyte-long
 * field, an amount with a huge exponent) cannot make a message unbounded.
 *
 * <p>Not API. Stateless and thread-safe.
 */
public final class Messages {

    /** The most characters of a value that a message quotes. */
    public static final int MAX_QUOTED = 40;

    private Messages() {
    }

    /**
     * The value in single quotes, cut to {@value #MAX_QUOTED} characters; a cut value is followed
     * by an ellipsis and its full length, as in {@code '1111…' (5000000 characters)}.
     */
    public static String quote(CharSequence value) {
        if (value.length() <= MAX_QUOTED) {
            return "'" + value + "'";
        }
        return "'" + cut(value, MAX_QUOTED) + "' (" + value.length() + " characters)";
    }

    /**
     * Text for a message, cut to {@code max} characters with an ellipsis when longer: for
     * messages of other libraries that may quote input.
     */
    public static String cut(CharSequence text, int max) {
        if (text.length() <= max) {
            return text.toString();
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never cut a surrogate pair in half
        }
        return text.subSequence(0, end) + "…";
    }

    /**
     * A decimal for a message: plain notation while that is short, scientific notation (still
     * capped) otherwise. {@code toPlainString()} of {@code 1E-100000000} alone is 100 MB.
     */
    public static String decimal(BigDecimal value) {
        int digitsBeforePoint = value.precision() - value.scale();
        if (Math.abs(value.scale()) <= MAX_QUOTED && Math.abs(digitsBeforePoint) <= MAX_QUOTED) {
            return value.toPlainString();
        }
        String s = value.toString();
        return s.length() <= MAX_QUOTED ? s : quote(s);
    }

    /**
     * What is wrong with a JSON text, in our words and with its position, for a parser error of
     * Jackson (whose own messages name its internals, such as "was expecting double-quote to start
     * field name" or "Source: REDACTED"): for example {@code field 'id' appears twice at column 20}.
     */
    public static String json(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        JsonLocation at = e.getLocation();
        String where = "";
        if (at != null && at.getColumnNr() > 0) {
            where = (at.getLineNr() > 1 ? " at line " + at.getLineNr() + "," : " at") + " column " + at.getColumnNr();
        }
        if (original.startsWith("Duplicate field '")) {
            int end = original.indexOf('\'', "Duplicate field '".length());
            String name = end > 0 ? original.substring("Duplicate field '".length(), end) : "";
            return "field " + quote(name) + " appears twice" + where;
        }
        if (original.startsWith("Unexpected end-of-input")) {
            return "ends before the JSON value is complete" + where;
        }
        if (e instanceof StreamConstraintsException) {
            return "exceeds the JSON parser's limits (nesting depth, number or string length)" + where;
        }
        return "is not well-formed JSON" + where;
    }

    /**
     * What went wrong with a file, in our words (the JDK's messages may name its classes or
     * internals, such as "Input length = 1"): {@code no such file}, {@code permission denied},
     * {@code not a directory}, {@code not valid text in the expected encoding}, the file system's
     * reason where it gives one, else {@code input/output error}.
     */
    public static String io(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof CharacterCodingException) {
            return "not valid text in the expected encoding";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return cut(f.getReason(), MAX_QUOTED);
        }
        if (e instanceof JsonProcessingException j) {
            return json(j);
        }
        return "input/output error";
    }
}
