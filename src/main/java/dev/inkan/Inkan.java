package dev.inkan;

import dev.inkan.cli.OneShotCommand;
import java.util.Arrays;

/**
 * The entry point of {@code inkan.jar}. {@code oneshot} runs without Spring (a short-lived process
 * whose start-up time is part of the product); anything else starts the service.
 */
public final class Inkan {

    private Inkan() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("oneshot")) {
            System.exit(OneShotCommand.run(Arrays.asList(args).subList(1, args.length), System.getenv(),
                    System.out, System.err));
            return;
        }
        InkanApplication.main(args.length > 0 && args[0].equals("serve")
                ? Arrays.copyOfRange(args, 1, args.length) : args);
    }
}
