package dev.inkan.cli;

import dev.inkan.engine.RequestRejectedException;
import dev.inkan.export.OutputDirectory;
import dev.inkan.export.TemplateRenderer;
import dev.inkan.oneshot.OneShotIssuance;
import dev.inkan.oneshot.OneShotResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code inkan oneshot [--out DIR]}: omgwtfssl's interface without its defects. Reads the
 * environment, has {@link OneShotIssuance} build every file in memory, then writes them all
 * together with {@link OutputDirectory}. Exit 0 on success; 1 with one line on stderr naming the
 * variable (or option) at fault and what to do, with DIR left as it was.
 *
 * <p>No Spring and no JSON library: this is a short-lived process and its start-up is part of
 * the product.
 */
public final class OneShotCommand {

    /** Where files go outside a container; the container passes {@code --out /certs}. */
    public static final String DEFAULT_OUT = "certs-out";

    private static final String USAGE = "usage: inkan oneshot [--out DIR]   (settings come from environment variables;"
            + " see README.md, section One-shot)";

    private OneShotCommand() {}

    /** Runs one one-shot and returns the exit code (0 success, 1 failure). */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Path dir;
        try {
            dir = outputDirectory(args);
        } catch (IllegalArgumentException e) {
            err.println("inkan oneshot: " + e.getMessage() + "; " + USAGE);
            return 1;
        }
        if (dir == null) {
            out.println(USAGE);
            out.println("variables (default):");
            OneShotVariables.DEFAULTS.forEach((name, value) -> out.println("  " + name + "=" + value));
            return 0;
        }
        try {
            OneShotVariables variables = OneShotVariables.read(env);
            OutputDirectory.requireWritable(dir); // before any key is generated
            OneShotResult result = new OneShotIssuance(TemplateRenderer.packaged()).issue(variables.request(), dir, Instant.now());
            OutputDirectory.write(dir, result.files());
            if (!variables.silent()) {
                result.progress().forEach(line -> err.println("inkan: " + line));
                err.println("inkan: wrote " + result.files().size() + " files to " + dir.toAbsolutePath().normalize());
                out.print(variables.output().equals("k8s") ? result.k8s() : result.yaml());
                out.flush();
            }
            return 0;
        } catch (RequestRejectedException e) {
            err.println(e.field(OneShotIssuance::variable) + ": " + oneLine(e.getMessage()));
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("--out: cannot write to " + dir.toAbsolutePath().normalize() + " (" + reason(e)
                    + "); give a directory this user can write to, or fix its permissions");
        }
        return 1;
    }

    /** The DIR of {@code --out DIR} / {@code --out=DIR}, the default when absent, or null for {@code --help}. */
    private static Path outputDirectory(List<String> args) {
        String out = DEFAULT_OUT;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            } else if (arg.equals("--out") && i + 1 < args.size()) {
                out = args.get(++i);
            } else if (arg.startsWith("--out=")) {
                out = arg.substring("--out=".length());
            } else {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
        }
        if (out.isBlank()) {
            throw new IllegalArgumentException("--out needs a directory");
        }
        return Path.of(out);
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof java.io.UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (cause instanceof java.nio.file.AccessDeniedException denied) {
            return "permission denied for " + denied.getFile();
        }
        if (cause instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + ": " + fs.getFile();
        }
        return oneLine(String.valueOf(cause.getMessage()));
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
