package dev.inkan.revocation;

import dev.inkan.cluster.ClusterLock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.stereotype.Component;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The CRL timer: at start and every {@code inkan.revocation.crl-check-interval}, re-issue the CRLs
 * older than {@code crl-renewal}, on one instance of the cluster at a time ({@link ClusterLock}). Even
 * without the lock renewing twice would be safe: the database orders the CRL numbers.
 */
@Component
record CrlRenewalSchedule(CrlPublisher crls, ClusterLock clusterLock) {

    static final String JOB = "crl-renewal";

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        clusterLock.runExclusively(JOB, crls::renewDue);
    }

    @Scheduled(fixedDelayString = "${inkan.revocation.crl-check-interval:10m}", initialDelayString = "${inkan.revocation.crl-check-interval:10m}")
    void renewDue() {
        clusterLock.runExclusively(JOB, crls::renewDue);
    }
}
