package dev.inkan.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.HostileNames;
import dev.inkan.testing.Processes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quoting for POSIX sh and PowerShell, checked by sh itself and by a PowerShell single-quote tokenizer. */
public class ScriptLiteralsTests {

    /** A run of PowerShell text: inside a single-quoted string (decoded) or outside one (as written). */
    public record PowerShellToken(String text, boolean quoted) {}

    private static boolean isQuote(char c) {
        return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201a' || c == '\u201b';
    }

    /**
     * Splits PowerShell text at its single-quoted strings (about_Quoting_Rules: any of ' ‘ ’ ‚ ‛ opens
     * and closes one; two of them in a row inside stand for one). Fails on an unterminated string.
     */
    public static List<PowerShellToken> tokenize(String text) {
        List<PowerShellToken> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!isQuote(c)) {
                current.append(c);
                i++;
                continue;
            }
            if (!current.isEmpty()) {
                tokens.add(new PowerShellToken(current.toString(), false));
                current.setLength(0);
            }
            i++;
            boolean closed = false;
            while (i < text.length()) {
                char d = text.charAt(i);
                if (isQuote(d)) {
                    if (i + 1 < text.length() && isQuote(text.charAt(i + 1))) {
                        current.append(d);
                        i += 2;
                        continue;
                    }
                    closed = true;
                    i++;
                    break;
                }
                current.append(d);
                i++;
            }
            if (!closed) {
                throw new AssertionError("unterminated single-quoted string in: " + text);
            }
            tokens.add(new PowerShellToken(current.toString(), true));
            current.setLength(0);
        }
        if (!current.isEmpty()) {
            tokens.add(new PowerShellToken(current.toString(), false));
        }
        return tokens;
    }

    @TempDir
    Path dir;

    @Test
    void aShellWordIsReadBackByShExactlyAndRunsNothing() throws Exception {
        HostileNames.Sandbox box = HostileNames.Sandbox.in(dir, "record");
        for (String name : HostileNames.names(box.marks())) {
            Processes.Result result = box.sh(dir, "record " + ScriptLiterals.shell(name) + "\n");
            assertThat(result.exitCode()).as(result.output()).isZero();
        }
        assertThat(box.markers()).isEmpty();
        assertThat(box.calls("record")).extracting(call -> call).allSatisfy(call -> assertThat(call).hasSize(1));
        assertThat(box.calls("record")).extracting(call -> call.get(0))
                .containsExactlyElementsOf(HostileNames.names(box.marks()).stream().map(ScriptLiterals::printable).toList());
        assertThat(ScriptLiterals.shell("inkan-root.crt")).isEqualTo("inkan-root.crt");
        assertThat(ScriptLiterals.shell("")).isEqualTo("''");
    }

    @Test
    void aPowerShellLiteralIsOneSingleQuotedStringThatDecodesToTheValue() {
        for (String name : HostileNames.names(dir)) {
            List<PowerShellToken> tokens = tokenize("Write-Output " + ScriptLiterals.powerShell(name));
            assertThat(tokens).containsExactly(new PowerShellToken("Write-Output ", false),
                    new PowerShellToken(ScriptLiterals.printable(name), true));
        }
    }

    @Test
    void onlyPlainUrlsAreEmbedded() {
        assertThat(ScriptLiterals.plainUrl("http://10.0.0.5:8080/", "x")).isEqualTo("http://10.0.0.5:8080");
        assertThat(ScriptLiterals.plainUrl("https://[::1]:8443", "x")).isEqualTo("https://[::1]:8443");
        assertThat(ScriptLiterals.plainUrl("http://inkan.lan/base", "x")).isEqualTo("http://inkan.lan/base");
        for (String hostile : List.of("http://a$(id):80", "http://a`id`", "http://a';id;'", "http://a b", "http://a\nb", "javascript:x",
                "http://a/'", "http://a/?q=1&x")) {
            assertThat(ScriptLiterals.plainUrl(hostile, "fallback")).as(hostile).isEqualTo("fallback");
        }
    }
}
