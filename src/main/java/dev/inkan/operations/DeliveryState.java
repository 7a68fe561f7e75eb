package dev.inkan.operations;

/** Where a delivery stands; persisted by name. */
public enum DeliveryState {
    /** Not yet accepted; tried again at its next attempt time. */
    PENDING,
    /** The receiver answered 2xx (or the mail server accepted the message). */
    DELIVERED,
    /** Every attempt failed; the next event of the subscription goes ahead. */
    FAILED
}
