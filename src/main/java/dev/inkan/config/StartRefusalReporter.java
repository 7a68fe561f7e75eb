package dev.inkan.config;

import dev.inkan.storage.StartRefusedException;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A start refused for a reason the operator can fix ({@link StartRefusedException}) is reported as its one
 * line on stderr, without Spring Boot's stack trace (registered in META-INF/spring.factories).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StartRefusalReporter implements SpringBootExceptionReporter {

    @Override
    public boolean reportException(Throwable failure) {
        return StartRefusedException.in(failure).map(refused -> {
            System.err.println("Inkan cannot start: " + refused.getMessage());
            return true;
        }).orElse(false);
    }
}
