package dev.inkan.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a {@link StartupRefusedException} as Spring Boot's short "APPLICATION FAILED TO START" report
 * (the problem, then what to do) instead of a stack trace; the process exits non-zero.
 */
class StartupRefusalAnalyzer extends AbstractFailureAnalyzer<StartupRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupRefusedException cause) {
        return new FailureAnalysis("inkan: " + cause.getMessage() + "; " + cause.action(), cause.action(), cause);
    }
}
