package dev.inkan.config;

import dev.inkan.authority.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Makes guessing the admin token or password slow: exponential back-off per client address and over
 * all of them ({@link ThrottleSettings}); while a window is open every attempt gets 429 problem+json
 * with {@code Retry-After} (RFC 9110 §10.2.3) and no credential is checked. Each checked failure is
 * logged (WARN) and audited as {@code authentication.failed}, never with what was presented.
 */
public class AuthenticationThrottle {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationThrottle.class);
    private static final int MAX_TRACKED_ADDRESSES = 100_000;
    private static final String OVERALL = "";

    /** Failures of one address (or of all, under {@link #OVERALL}) and the end of the window they earned. */
    private static final class Window {
        int failures;
        Instant lastFailure = Instant.EPOCH;
        Instant blockedUntil = Instant.EPOCH;
    }

    private final ThrottleSettings settings;
    private final ObjectProvider<AuditTrail> audit;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    AuthenticationThrottle(ThrottleSettings settings, ObjectProvider<AuditTrail> audit, Clock clock) {
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /** Seconds this address must wait before a credential from it is checked again; 0 when it may try now. */
    public synchronized long retryAfterSeconds(String address) {
        Instant now = clock.instant();
        Instant until = later(blockedUntil(address), blockedUntil(OVERALL));
        return until.isAfter(now) ? Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000) : 0;
    }

    /** A credential from {@code request}'s address was wrong: count it, log it, audit it. */
    public void failed(HttpServletRequest request, String what) {
        String address = request.getRemoteAddr();
        synchronized (this) {
            Instant now = clock.instant();
            count(address, now, settings.perAddress(), settings.maxDelay());
            count(OVERALL, now, settings.overall(), settings.overallMaxDelay());
        }
        log.warn("authentication failed: {} from {} on {} {}", what, address, request.getMethod(), request.getRequestURI());
        AuditTrail trail = audit.getIfAvailable();
        if (trail != null) {
            trail.record(clock.instant(), address, dev.inkan.authority.AuditAction.AUTHENTICATION_FAILED, null, null,
                    what + " on " + request.getMethod() + " " + request.getRequestURI());
        }
    }

    /** A credential from this address was right: its own count starts again (the overall one does not). */
    public synchronized void succeeded(String address) {
        windows.remove(address);
    }

    /** 429 problem+json with Retry-After, for an attempt made inside a window. */
    public static void refuse(HttpServletRequest request, HttpServletResponse response, long seconds) throws IOException {
        response.setHeader("Retry-After", Long.toString(seconds));
        ProblemResponses.write(response, HttpStatus.TOO_MANY_REQUESTS, "too many failed logins or bearer tokens"
                + " from this address (or from everywhere); nothing was checked; try again in " + seconds + " s with the right credential",
                null, request);
    }

    private void count(String key, Instant now, int free, Duration maxDelay) {
        if (windows.size() >= MAX_TRACKED_ADDRESSES) {
            windows.values().removeIf(window -> window.blockedUntil.isBefore(now)
                    && window.lastFailure.plus(settings.forgetAfter()).isBefore(now));
        }
        Window window = windows.computeIfAbsent(key, k -> new Window());
        if (window.lastFailure.plus(settings.forgetAfter()).isBefore(now)) {
            window.failures = 0;
        }
        window.failures++;
        window.lastFailure = now;
        if (window.failures > free) {
            int doublings = Math.min(30, window.failures - free - 1);
            Duration delay = settings.firstDelay().multipliedBy(1L << doublings);
            window.blockedUntil = now.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
        }
    }

    private Instant blockedUntil(String key) {
        Window window = windows.get(key);
        return window == null ? Instant.EPOCH : window.blockedUntil;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
