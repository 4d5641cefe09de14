package dev.o2o.core.consent;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a customer consents to. Three purposes are built in; a host adds its own with
 * {@link #of(String)} (for example {@code "third_party_sharing"}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name a lower-case letter followed by up to 63 lower-case letters, digits, {@code _ . -}
 */
public record ConsentPurpose(String name) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    /** Marketing messages: push, SMS, e-mail, in-app offers. */
    public static final ConsentPurpose MARKETING_MESSAGES = new ConsentPurpose("marketing_messages");
    /** Profiling: segments, tags, scores and recommendations built from the customer's behaviour. */
    public static final ConsentPurpose PROFILING = new ConsentPurpose("profiling");
    /** Location: using where the customer is (geofenced offers, nearest store). */
    public static final ConsentPurpose LOCATION = new ConsentPurpose("location");

    public ConsentPurpose {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("consent purpose must match " + NAME.pattern() + ": '" + name + "'");
        }
    }

    /** A purpose by name. */
    public static ConsentPurpose of(String name) {
        return new ConsentPurpose(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
