package dev.inkan.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Headless Chromium as the user's browser (TESTING.md): its verdict on a page, with the trust of a given $HOME's NSS db. */
public final class Browsers {

    /** What Chromium rendered, and the net::ERR_... of a failed load (null when the page loaded). */
    public record PageLoad(String dom, String loadError, String log) {}

    public static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private static final Pattern LOAD_FAILED = Pattern.compile("Page load failed: net::(ERR_[A-Z_]+)");

    private Browsers() {}

    /** {@code chromium --dump-dom url} with HOME={@code home} (so $HOME/.pki/nssdb is its trust store) and a fresh profile. */
    public static PageLoad chromiumDumpDom(Path home, String url, Path scratch) {
        return chromiumDumpDom(home, url, scratch, List.of());
    }

    /** As above, with more Chromium flags (e.g. {@code --host-resolver-rules=MAP * 127.0.0.1} for test names). */
    public static PageLoad chromiumDumpDom(Path home, String url, Path scratch, List<String> moreFlags) {
        try {
            Path profile = Files.createTempDirectory(scratch, "chromium-profile");
            List<String> command = new ArrayList<>(List.of("chromium"));
            command.addAll(FLAGS);
            command.addAll(moreFlags);
            command.addAll(List.of("--user-data-dir=" + profile, "--dump-dom", url));
            var result = Processes.run(command, null, Map.of("HOME", home.toString()), Duration.ofSeconds(90));
            Matcher failure = LOAD_FAILED.matcher(result.stderr());
            return new PageLoad(result.stdout(), failure.find() ? failure.group(1) : null, result.stderr());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
