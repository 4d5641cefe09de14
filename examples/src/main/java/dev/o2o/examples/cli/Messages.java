package dev.o2o.examples.cli;

import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.io.RecordError;
import dev.o2o.core.privacy.Masking;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a message fit for the command line's stderr: quoted identifier values masked as
 * {@link Masking} masks them elsewhere ({@code '138****5678'}), one line, and capped in length,
 * so that neither personal data nor a megabyte-long value from a hostile file reaches a terminal
 * or a log. Stateless and thread-safe.
 */
final class Messages {

    /** Longest message printed; longer ones are cut with an ellipsis. */
    static final int MAX_LENGTH = 500;

    /** Record fields whose quoted values are identifiers. */
    private static final Set<String> ID_FIELDS = Set.of("customer", "id", "store", "user_id", "merchant_id",
            "coupon_id", "phone", "email", "member_card", "identifier", "account");

    /**
     * A quoted value after a word naming an identifier, for example {@code field User_id: '1381234x'}
     * or {@code customer key must not have leading or trailing white space: ' 13812345678'}.
     */
    private static final Pattern QUOTED_ID = Pattern.compile("(?i)(\\b(?:customer(?: key)?|user_id|merchant_id"
            + "|coupon_id|order id|id|store|phone|e-?mail|member_card|identifier|account)\\b"
            + "[^'\\n]{0,60}?)'([^'\\n]*)'");

    private static final Pattern QUOTED = Pattern.compile("'([^'\\n]*)'");

    private Messages() {
    }

    /** A message for stderr: identifiers masked, one line, at most {@link #MAX_LENGTH} characters. */
    static String safe(String message) {
        if (message == null) {
            return "";
        }
        String oneLine = message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        if (oneLine.length() > 4 * MAX_LENGTH) {
            oneLine = oneLine.substring(0, 4 * MAX_LENGTH); // bound the regex's work on hostile values
        }
        Matcher m = QUOTED_ID.matcher(oneLine);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + "'" + mask(m.group(2)) + "'"));
        }
        m.appendTail(b);
        return cap(b.toString());
    }

    /** A record error for stderr: every quoted value masked when the field is an identifier. */
    static String safe(RecordError e) {
        String field = e.field().toLowerCase(Locale.ROOT);
        if (!ID_FIELDS.contains(field)) {
            return safe(e.toString());
        }
        Matcher m = QUOTED.matcher(e.reason());
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement("'" + mask(m.group(1)) + "'"));
        }
        m.appendTail(b);
        return safe(new RecordError(e.source(), e.line(), e.field(), b.toString()).toString());
    }

    /** An identifier masked by its shape: {@code type:value} by its type, phone-like digits, e-mail, else generic. */
    static String mask(String value) {
        String v = value.strip();
        int colon = v.indexOf(':');
        if (colon > 0 && colon < v.length() - 1) {
            try {
                return Masking.identifier(Identifier.of(new IdentifierType(v.substring(0, colon)),
                        v.substring(colon + 1)));
            } catch (IllegalArgumentException notATypedIdentifier) {
                // fall through to the shape of the whole value
            }
        }
        int at = v.lastIndexOf('@');
        if (at > 0 && at < v.length() - 1) {
            return Masking.email(v);
        }
        if (v.length() >= 8 && v.chars().allMatch(c -> c >= '0' && c <= '9' || c == '+' || c == '-')) {
            return Masking.phone(v);
        }
        return Masking.generic(v);
    }

    private static String cap(String s) {
        return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH - 1) + "…";
    }
}
