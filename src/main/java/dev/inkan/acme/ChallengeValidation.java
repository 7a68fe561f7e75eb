package dev.inkan.acme;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jose4j.json.JsonUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs validations asynchronously (RFC 8555 §7.5.1: the client polls, told when by Retry-After) on a bounded
 * pool; the result moves the challenge and its authorization from processing/pending to valid or invalid.
 */
@Component
class ChallengeValidation {

    private static final Logger log = LoggerFactory.getLogger(ChallengeValidation.class);
    private final OrderStore orders;
    private final ChallengeValidator validator;
    private final Clock clock;
    private final ThreadPoolExecutor executor;

    ChallengeValidation(OrderStore orders, AcmeProperties properties, Clock clock) {
        this.orders = orders;
        this.validator = new ChallengeValidator(properties);
        this.clock = clock;
        int threads = Math.max(1, properties.validationThreads());
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), runnable -> {
            Thread thread = new Thread(runnable, "acme-validation");
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    /** Moves the challenge to processing and queues its validation; false when it was not pending. */
    boolean start(AcmeOrder.Challenge challenge, AcmeOrder.Authorization authorization, String keyAuthorization) {
        if (!orders.challengeStatus(challenge.id(), AcmeStatus.PENDING, AcmeStatus.PROCESSING, null, null)) {
            return false;
        }
        try {
            executor.execute(() -> run(challenge, authorization, keyAuthorization));
        } catch (RejectedExecutionException e) {
            orders.challengeStatus(challenge.id(), AcmeStatus.PROCESSING, AcmeStatus.PENDING, null, null);
            throw new AcmeProblem(AcmeError.RATE_LIMITED, "too many validations are queued; retry this challenge in a few seconds");
        }
        return true;
    }

    private void run(AcmeOrder.Challenge challenge, AcmeOrder.Authorization authorization, String keyAuthorization) {
        try {
            validator.validate(challenge.type(), authorization.identifier(), challenge.token(), keyAuthorization);
            orders.challengeStatus(challenge.id(), AcmeStatus.PROCESSING, AcmeStatus.VALID, null, clock.instant());
            orders.authorizationStatus(authorization.id(), AcmeStatus.PENDING, AcmeStatus.VALID);
        } catch (RuntimeException e) {
            AcmeProblem problem = e instanceof AcmeProblem p ? p
                    : new AcmeProblem(AcmeError.SERVER_INTERNAL, "the validation failed unexpectedly: " + e.getMessage());
            if (!(e instanceof AcmeProblem)) {
                log.warn("validation of challenge {} failed unexpectedly", challenge.id(), e);
            }
            orders.challengeStatus(challenge.id(), AcmeStatus.PROCESSING, AcmeStatus.INVALID, JsonUtil.toJson(problem.body()), null);
            orders.authorizationStatus(authorization.id(), AcmeStatus.PENDING, AcmeStatus.INVALID);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
