package dev.inkan.config;

/** A setting the service refuses to start with: what is wrong and what to do, printed as such by {@link StartupRefusalAnalyzer}. */
public class StartupRefusedException extends RuntimeException {

    private final String action;

    public StartupRefusedException(String problem, String action) {
        super(problem);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
