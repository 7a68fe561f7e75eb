package dev.inkan.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * CA names an attacker would choose (an imported certificate's CN can hold anything, newlines
 * included), a self-signed CA certificate for each, and a sandbox that runs rendered commands in
 * {@code sh} with the trust tools replaced by stubs recording their arguments.
 */
public final class HostileNames {

    private HostileNames() {}

    /**
     * Names that run {@code touch m/<n>} (relative to the sandbox, whose {@code m/} is {@link Sandbox#marks()})
     * if a shell ever interprets them; each within RFC 5280's 64 characters.
     */
    public static List<String> names(Path ignored) {
        String m = "m";
        return List.of(
                "Evil $(touch " + m + "/dollar) Root",
                "Evil `touch " + m + "/backtick` Root",
                "Evil '; touch " + m + "/single; ' Root",
                "Evil \"; touch " + m + "/double; \" Root",
                "Evil ; touch " + m + "/semicolon ; Root",
                "Evil\ntouch " + m + "/newline\n Root",
                "E ${IFS}$(touch${IFS}" + m + "/ifs) & | > " + m + "/redirect",
                "Ürün 認証局 \u2019; touch " + m + "/typographic; \u2018");
    }

    /** A self-signed CA certificate whose subject CN is exactly {@code name} (as an import could bring). */
    public static X509Certificate caNamed(String name) {
        return caWithKey(name).certificate();
    }

    /** A CA certificate and its key. */
    public record Ca(X509Certificate certificate, java.security.PrivateKey key) {}

    /** A self-signed CA named exactly {@code name}, with its key (P-256). */
    public static Ca caWithKey(String name) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair key = generator.generateKeyPair();
            var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
            return new Ca(TestPki.outsideProfile(subject, key.getPublic(), true, null, key.getPrivate(), Duration.ofDays(30)),
                    key.getPrivate());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A directory of stub programs, each appending its argv (NUL-separated, one record per call) to {@code log/<program>}. */
    public record Sandbox(Path bin, Path log, Path home, Path marks) {

        public static Sandbox in(Path dir, String... programs) throws IOException {
            Sandbox box = new Sandbox(Files.createDirectories(dir.resolve("bin")), Files.createDirectories(dir.resolve("log")),
                    Files.createDirectories(dir.resolve("home")), Files.createDirectories(dir.resolve("m")));
            for (String program : programs) {
                box.stub(program, "{ printf '%s\\0' \"$@\"; printf '\\036\\0'; } >> '" + box.log + "/" + program + "'");
            }
            box.stub("sudo", "exec \"$@\"");
            return box;
        }

        public void stub(String program, String body) throws IOException {
            Path file = bin.resolve(program);
            Files.writeString(file, "#!/bin/sh\n" + body + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        /** Runs {@code script} with {@code sh} in {@code workDir}, the stubs first on the PATH. */
        public Processes.Result sh(Path workDir, String script, String... args) throws IOException {
            Path file = Files.writeString(Files.createTempFile(workDir, "commands", ".sh"), script, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of("sh", file.toString()));
            command.addAll(Arrays.asList(args));
            return Processes.run(command, workDir, Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", home.toString(), "LC_ALL", "C.UTF-8"),
                    Duration.ofSeconds(60));
        }

        /** Every call of {@code program}, each its argument list. */
        public List<List<String>> calls(String program) throws IOException {
            Path file = log.resolve(program);
            if (!Files.exists(file)) {
                return List.of();
            }
            List<List<String>> calls = new ArrayList<>();
            for (String record : Files.readString(file, StandardCharsets.UTF_8).split("\u001e\0", -1)) {
                if (!record.isEmpty()) {
                    calls.add(List.of(record.substring(0, record.length() - 1).split("\0", -1)));
                }
            }
            return calls;
        }

        /** The value following {@code option} in every call of {@code program}. */
        public List<String> optionValues(String program, String option) throws IOException {
            List<String> values = new ArrayList<>();
            for (List<String> call : calls(program)) {
                for (int i = 0; i + 1 < call.size(); i++) {
                    if (call.get(i).equals(option)) {
                        values.add(call.get(i + 1));
                    }
                }
            }
            return values;
        }

        /** The marker files a hostile name managed to create (none, when everything stayed inert). */
        public List<String> markers() throws IOException {
            try (var files = Files.list(marks)) {
                return files.map(p -> p.getFileName().toString()).sorted().toList();
            }
        }
    }
}
