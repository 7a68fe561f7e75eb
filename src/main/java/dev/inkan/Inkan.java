package dev.inkan;

import dev.inkan.cli.BackupCommand;
import dev.inkan.cli.OneShotCommand;
import dev.inkan.engine.CryptoProviders;
import dev.inkan.storage.StartRefusedException;
import java.util.Arrays;

/**
 * The entry point of {@code inkan.jar}. {@code oneshot} runs without Spring (a short-lived process
 * whose start-up time is part of the product), and so do {@code backup} and {@code restore}; anything else
 * starts the service.
 */
public final class Inkan {

    private Inkan() {}

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"))) {
            System.exit(BackupCommand.run(args[0], Arrays.asList(args).subList(1, args.length), System.getenv(),
                    System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("oneshot")) {
            // A handful of keys and signatures: the JDK's providers are ready at once, Bouncy Castle's
            // takes longer to build than all of them (bench/RESULTS.md, "one-shot"). PROPERTY is a
            // compile-time constant, so naming it does not initialise CryptoProviders before the choice is made.
            System.setProperty(CryptoProviders.PROPERTY, "jdk");
            System.exit(OneShotCommand.run(Arrays.asList(args).subList(1, args.length), System.getenv(),
                    System.out, System.err));
            return;
        }
        try {
            InkanApplication.main(args.length > 0 && args[0].equals("serve")
                    ? Arrays.copyOfRange(args, 1, args.length) : args);
        } catch (RuntimeException e) {
            if (StartRefusedException.in(e).isPresent()) {
                // its one line is on stderr already (config.StartRefusalReporter)
                System.exit(1);
            }
            throw e;
        }
    }
}
