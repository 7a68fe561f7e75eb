package dev.inkan.operations;

/** How a delivery reaches its target: a signed HTTP POST, or an e-mail. */
interface DeliveryChannel {

    /** What one attempt gave. */
    record Outcome(boolean delivered, Integer statusCode, String message) {}

    boolean handles(String target);

    /** One attempt; never throws for a receiver's failure (that is an unsuccessful outcome). */
    Outcome send(DeliveryLog.Due delivery, int attempt, String secret);
}
