package dev.inkan.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed logins and bearer tokens are slowed down ({@code inkan.login-throttle.*}). After
 * {@code perAddress} failures from one client address (or {@code overall} failures from all of them)
 * each further failure doubles a window, from {@code firstDelay} up to {@code maxDelay} (per address)
 * or {@code overallMaxDelay} (overall), during which every attempt is answered 429 unchecked. A
 * success from an address clears its count; counts are forgotten after {@code forgetAfter} without failures.
 */
@ConfigurationProperties("inkan.login-throttle")
public record ThrottleSettings(@DefaultValue("5") int perAddress, @DefaultValue("50") int overall,
                               @DefaultValue("1s") Duration firstDelay, @DefaultValue("15m") Duration maxDelay,
                               @DefaultValue("30s") Duration overallMaxDelay, @DefaultValue("15m") Duration forgetAfter) {
}
