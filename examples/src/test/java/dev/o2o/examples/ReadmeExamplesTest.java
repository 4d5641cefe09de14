package dev.o2o.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compiles and runs every {@code java} code block of the root README.md, so that the README
 * cannot drift from the API. Each block is a complete compilation unit with a
 * {@code public static void main}; a block may end with comment lines of the form
 * {@code // prints: TEXT} which must appear in what it prints.
 */
class ReadmeExamplesTest {

    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern PRINTS = Pattern.compile("// prints: (.*)");

    static Path readme() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("mvnw")))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "no project root with README.md above the working directory");
        return dir.resolve("README.md");
    }

    @TestFactory
    List<DynamicTest> readmeJavaBlocksCompileAndRun() throws Exception {
        String text = Files.readString(readme(), StandardCharsets.UTF_8);
        Matcher m = BLOCK.matcher(text);
        List<DynamicTest> tests = new ArrayList<>();
        while (m.find()) {
            String source = m.group(1);
            Matcher c = CLASS.matcher(source);
            assertTrue(c.find(), "README java block without a public class:\n" + source);
            String name = c.group(1);
            Matcher p = PACKAGE.matcher(source);
            String fqcn = p.find() ? p.group(1) + "." + name : name;
            tests.add(DynamicTest.dynamicTest(fqcn, () -> compileAndRun(fqcn, source)));
        }
        assertTrue(tests.size() >= 4, "expected a java example per module in the README, found " + tests.size());
        return tests;
    }

    private static void compileAndRun(String fqcn, String source) throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Path out = Files.createTempDirectory("readme-example");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavaFileObject unit = new SimpleJavaFileObject(
                    URI.create("string:///" + fqcn.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            List<String> options = List.of("--release", "17", "-classpath", System.getProperty("java.class.path"),
                    "-d", out.toString());
            boolean ok = compiler.getTask(null, files, diagnostics, options, null, List.of(unit)).call();
            StringBuilder errors = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                errors.append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
            }
            assertTrue(ok, "README example " + fqcn + " does not compile:\n" + errors);
        }
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                ReadmeExamplesTest.class.getClassLoader())) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Method main = loader.loadClass(fqcn).getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        Matcher expected = PRINTS.matcher(source);
        int count = 0;
        while (expected.find()) {
            count++;
            String want = expected.group(1).strip();
            assertTrue(printed.contains(want), "README example " + fqcn + " should print '" + want + "' but printed:\n" + printed);
        }
        assertTrue(count > 0, "README example " + fqcn + " states no '// prints:' line to check");
        assertEquals(false, printed.isEmpty());
    }
}
