package dev.inkan.revocation;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The CRL timer: at start and every {@code inkan.revocation.crl-check-interval}, re-issue the CRLs
 * older than {@code crl-renewal}. The one seam for a cluster-wide lock; without one, several instances
 * may each renew, which is safe (the database orders their CRL numbers) and merely redundant.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CrlRenewalSchedule {

    private final CrlPublisher crls;

    CrlRenewalSchedule(CrlPublisher crls) {
        this.crls = crls;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        crls.renewDue();
    }

    @Scheduled(fixedDelayString = "${inkan.revocation.crl-check-interval:10m}", initialDelayString = "${inkan.revocation.crl-check-interval:10m}")
    void renewDue() {
        crls.renewDue();
    }
}
