package dev.inkan.operations;

import dev.inkan.engine.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A search of the audit trail; every filter optional, combined with AND, newest first.
 *
 * @param actor  who acted, exactly ({@code api-token}, {@code admin}, ...)
 * @param action what was done, exactly ({@code certificate.issued}, {@code ca.created}, ...; see the actions listed by the UI)
 * @param caId   events about this CA or its certificates
 * @param from   at or after: an instant ({@code 2026-11-30T08:00:00Z}) or a date ({@code 2026-11-30}, its start in UTC)
 * @param to     before: an instant, or a date (that whole day included)
 * @param page   0-based
 * @param size   1 to 500, default 50
 */
public record AuditQuery(String actor, String action, Long caId, String from, String to, Integer page, Integer size) {

    public static final int MAX_SIZE = 500;

    /** A checked query. */
    public record Valid(String actor, String action, Long caId, Instant from, Instant to, int page, int size) {}

    public Valid validate() {
        String who = blankToNull(actor);
        if (who != null && (who.length() > 64 || who.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidInputException("actor", "actor is a user or token name of at most 64 printable characters");
        }
        String what = blankToNull(action);
        if (what != null && !what.matches("[a-z][a-z0-9.-]{0,31}")) {
            throw new InvalidInputException("action", "action is an audit action such as certificate.issued or ca.created");
        }
        if (caId != null && caId <= 0) {
            throw new InvalidInputException("caId", "caId is the id of a CA (see GET /api/v1/cas)");
        }
        Instant start = instant("from", from, false);
        Instant end = instant("to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new InvalidInputException("to", "to must be after from");
        }
        int p = page == null ? 0 : page;
        if (p < 0 || p > 1_000_000) {
            throw new InvalidInputException("page", "page counts from 0; " + p + " is outside 0 to 1000000");
        }
        int s = size == null ? 50 : size;
        if (s < 1 || s > MAX_SIZE) {
            throw new InvalidInputException("size", "size is 1 to " + MAX_SIZE + "; " + s + " is outside that");
        }
        return new Valid(who, what, caId, start, end, p, s);
    }

    private static Instant instant(String field, String text, boolean endOfDay) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " is a date (2026-11-30) or an instant in UTC (2026-11-30T08:00:00Z); '"
                    + InvalidInputException.abbreviate(value) + "' is neither");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
