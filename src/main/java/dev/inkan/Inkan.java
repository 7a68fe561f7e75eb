package dev.inkan;

/**
 * The entry point of {@code inkan.jar}. {@code oneshot} runs without Spring (a short-lived process
 * whose start-up time is part of the product); anything else starts the service.
 */
public final class Inkan {

    private Inkan() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("oneshot")) {
            // Filled in by the one-shot command (issue 2).
            throw new UnsupportedOperationException("oneshot is not implemented yet");
        }
        InkanApplication.main(args.length > 0 && args[0].equals("serve")
                ? java.util.Arrays.copyOfRange(args, 1, args.length) : args);
    }
}
