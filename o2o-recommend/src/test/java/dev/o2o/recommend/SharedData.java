package dev.o2o.recommend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helpers: the committed peer outputs. */
public final class SharedData {
    private SharedData() {
    }

    /** A test resource as text. */
    public static String resource(String name) {
        try (InputStream in = SharedData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A number from the reference JSON: {@code "section": { ... "key": value}} (flat sections only). */
    public static double number(String json, String section, String key) {
        Matcher s = Pattern.compile("\"" + section + "\"\\s*:\\s*\\{([^}]*)}").matcher(json);
        if (!s.find()) {
            throw new IllegalStateException("no section " + section);
        }
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*([-0-9.eE+]+)").matcher(s.group(1));
        if (!m.find()) {
            throw new IllegalStateException("no " + section + "." + key);
        }
        return Double.parseDouble(m.group(1));
    }

    /** A top-level integer of the reference JSON. */
    public static long topLevel(String json, String key) {
        Matcher m = Pattern.compile("^  \"" + key + "\"\\s*:\\s*([0-9]+)", Pattern.MULTILINE).matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + key);
        }
        return Long.parseLong(m.group(1));
    }
}
