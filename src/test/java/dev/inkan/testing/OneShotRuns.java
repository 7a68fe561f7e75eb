package dev.inkan.testing;

import dev.inkan.cli.OneShotCommand;
import dev.inkan.engine.Pem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Runs {@code inkan oneshot} in-process or as a real {@code java} process, and reads what it wrote. */
public final class OneShotRuns {

    /** Entries a default run leaves in DIR: omgwtfssl's 9 files, and Inkan's bundle (9 files or folders with ca.crl, 13 install-ca-* helpers). */
    public static final int DEFAULT_ENTRIES = 9 + 9 + 13;

    /** A finished run: exit code and what it printed. */
    public record Run(int exitCode, String stdout, String stderr) {
        public String describe() {
            return "exit " + exitCode + "\nstderr: " + stderr + "\nstdout: " + stdout;
        }
    }

    private OneShotRuns() {}

    /** In-process: {@code oneshot --out dir} with exactly the given environment variables. */
    public static Run inProcess(Path dir, Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OneShotCommand.run(List.of("--out", dir.toString()), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@link #inProcess} for a run that must succeed: fails the test, with the run's output, unless it exits 0. */
    public static Run succeeded(Path dir, Map<String, String> env) {
        Run run = inProcess(dir, env);
        if (run.exitCode() != 0) {
            throw new AssertionError("oneshot failed: " + run.describe());
        }
        return run;
    }

    /** The classpath oneshot needs, as found from the classes it uses (no Spring: its absence is part of the claim). */
    public static List<Path> runtimeClasspath() {
        List<Path> paths = new ArrayList<>();
        for (String name : List.of("dev.inkan.Inkan", "org.bouncycastle.jce.provider.BouncyCastleProvider",
                "org.bouncycastle.cert.X509v3CertificateBuilder", "org.bouncycastle.asn1.cms.ContentInfo",
                "com.google.common.net.InternetDomainName",
                "com.google.common.util.concurrent.internal.InternalFutureFailureAccess")) {
            try {
                Path path = Path.of(Class.forName(name).getProtectionDomain().getCodeSource().getLocation().toURI());
                if (!paths.contains(path)) {
                    paths.add(path);
                }
            } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
                throw new AssertionError("cannot locate " + name, e);
            }
        }
        return paths;
    }

    /** The {@code java} running the tests. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public static X509Certificate certificate(Path file) {
        try {
            return Pem.readCertificates(file.toString(), Files.readString(file)).get(0);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** SAN entries as Java reads them ({@code DNS:x}, {@code IP:x}): an independent decoder. */
    public static List<String> subjectAltNames(X509Certificate certificate) {
        try {
            List<String> result = new ArrayList<>();
            var names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> entry : names) {
                    int type = (Integer) entry.get(0);
                    result.add((type == 2 ? "DNS:" : type == 7 ? "IP:" : type + ":") + entry.get(1));
                }
            }
            return result;
        } catch (java.security.cert.CertificateParsingException e) {
            throw new AssertionError(e);
        }
    }

    /** Every file under {@code dir} with its digest, mode and owner: compare two snapshots to prove nothing changed. */
    public static Map<String, String> snapshot(Path dir) {
        Map<String, String> result = new TreeMap<>();
        if (!Files.exists(dir)) {
            return result;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
                String owner = Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS) + ":"
                        + Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS);
                String content = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        ? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))) : "dir";
                result.put(dir.relativize(file).toString(), mode + " " + owner + " " + content);
            }
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return result;
    }

    /** An environment from name/value pairs. */
    public static Map<String, String> env(String... pairs) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }
}
