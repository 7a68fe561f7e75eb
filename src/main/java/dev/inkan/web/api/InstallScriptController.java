package dev.inkan.web.api;

import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.config.PublicEndpoints;
import dev.inkan.export.RootOfTrust;
import dev.inkan.export.TrustInstallers;
import dev.inkan.export.TrustPlatform;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /install/{platform}}, public: the trust-store script for the default CA, its PEM and
 * fingerprint embedded ({@code curl -fsSL http://HOST:PORT/install/linux | sudo sh}).
 * {@code GET /install} lists the platforms and their commands.
 */
@RestController
record InstallScriptController(CertificateAuthorityService authorities, TrustInstallers installers,
                               PublicEndpoints endpoints) {

    private static final String SHELL = "text/x-shellscript; charset=utf-8";

    @GetMapping("/install")
    ResponseEntity<String> index() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/plain; charset=utf-8"))
                .body(installers.index(defaultCa(), baseUrl()));
    }

    /**
     * The script; an unknown platform is a 404 whose body is itself a script that prints the
     * platforms and exits 1, so that even {@code curl ... | sh} without {@code -f} says what to do.
     */
    @GetMapping("/install/{platform}")
    ResponseEntity<String> script(@PathVariable String platform) {
        return TrustPlatform.byId(platform)
                .map(chosen -> ResponseEntity.ok().contentType(MediaType.parseMediaType(chosen.mediaType()))
                        .header("Content-Disposition", "inline; filename=\"" + chosen.fileName() + "\"")
                        .body(installers.render(chosen, defaultCa(), baseUrl())))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.parseMediaType(SHELL))
                        .body("echo 'inkan: no install script for this platform; use one of " + TrustPlatform.ids()
                                + " (" + baseUrl() + "/install lists them)' >&2\nexit 1\n"));
    }

    private RootOfTrust defaultCa() {
        return RootOfTrust.fromPem(authorities.defaultAuthority().certificatePem());
    }

    /** The plain-HTTP address (the scripts are meant to be fetched before HTTPS is trusted), on the host the client used. */
    private String baseUrl() {
        return endpoints.httpBaseFor(ServletUriComponentsBuilder.fromCurrentContextPath().build().getHost());
    }
}
