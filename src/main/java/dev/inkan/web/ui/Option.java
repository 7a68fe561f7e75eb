package dev.inkan.web.ui;

/** One choice of a select box: the submitted value and what the user reads. */
public record Option(String value, String label) {
}
