package dev.inkan.web.acme;

import dev.inkan.acme.AcmeAccounts;
import dev.inkan.acme.AcmeDirectory;
import dev.inkan.acme.AcmeIssuance;
import dev.inkan.acme.AcmeOrders;
import dev.inkan.acme.AcmeRevocation;
import dev.inkan.acme.AcmeUrls;
import dev.inkan.acme.JwsVerifier;
import dev.inkan.acme.JwsVerifier.KeyMode;
import dev.inkan.acme.SignedRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * RFC 8555 resources: the default CA's directory at {@code /acme/directory}, any CA's at
 * {@code /acme/{caId}/directory}, and every other resource under {@code /acme/{caId}/}. Each handler verifies the
 * JWS and hands the request to the acme module.
 */
@RestController
record AcmeController(AcmeDirectory directory, AcmeAccounts accounts, AcmeOrders orders, AcmeIssuance issuance,
                      AcmeRevocation revocation, JwsVerifier verifier, AcmeExchange exchange) {

    @GetMapping("/acme/directory")
    ResponseEntity<Object> defaultDirectory(HttpServletRequest request) {
        return exchange.respond(request, directory.directory(directory.urls(exchange.base(request), null)));
    }

    @GetMapping("/acme/{caId:\\d+}/directory")
    ResponseEntity<Object> caDirectory(@PathVariable long caId, HttpServletRequest request) {
        return exchange.respond(request, directory.directory(urls(request, caId)));
    }

    /** RFC 8555 §7.2: HEAD answers 200, GET 204, both with a nonce. */
    @RequestMapping(path = "/acme/{caId:\\d+}/new-nonce", method = {RequestMethod.HEAD, RequestMethod.GET})
    ResponseEntity<Object> newNonce(@PathVariable long caId, HttpServletRequest request) {
        urls(request, caId);
        int status = request.getMethod().equals("HEAD") ? 200 : 204;
        return ResponseEntity.status(status).headers(exchange.headers(request)).build();
    }

    /**
     * Every other resource is a JWS POST (RFC 8555 §6.2), handled on one path: resolve the CA's URLs, verify the JWS
     * (newAccount signs with its JWK, revokeCert with either key, the rest with the account's kid: §6.2), then the
     * resource's handler in the acme module.
     */
    @PostMapping({"/acme/{caId:\\d+}/{resource:new-account|new-order|key-change|revoke-cert}",
        "/acme/{caId:\\d+}/{resource:acct|order|authz|chall|cert}/{id:\\d+}",
        "/acme/{caId:\\d+}/{resource:acct}/{id:\\d+}/{action:orders}",
        "/acme/{caId:\\d+}/{resource:order}/{id:\\d+}/{action:finalize}"})
    ResponseEntity<Object> signed(@PathVariable long caId, @PathVariable String resource, @PathVariable(required = false) Long id,
                                  @PathVariable(required = false) String action, HttpServletRequest request) {
        String route = action == null ? resource : resource + "/" + action;
        KeyMode mode = switch (route) {
            case "new-account" -> KeyMode.JWK;
            case "revoke-cert" -> KeyMode.EITHER;
            default -> KeyMode.KID;
        };
        AcmeUrls urls = urls(request, caId);
        SignedRequest signed = verifier.verify(urls, exchange.url(request), request.getContentType(), AcmeExchange.body(request), mode);
        return exchange.respond(request, switch (route) {
            case "new-account" -> accounts.newAccount(urls, signed);
            case "acct" -> accounts.account(urls, signed, id);
            case "key-change" -> accounts.keyChange(urls, signed);
            case "acct/orders" -> orders.orders(urls, signed, id);
            case "new-order" -> orders.newOrder(urls, signed);
            case "order" -> orders.order(urls, signed, id);
            case "authz" -> orders.authorization(urls, signed, id);
            case "chall" -> orders.challenge(urls, signed, id);
            case "order/finalize" -> issuance.finalizeOrder(urls, signed, id);
            case "cert" -> issuance.certificate(urls, signed, id);
            case "revoke-cert" -> revocation.revoke(urls, signed);
            default -> throw new IllegalStateException("no handler for the mapped route " + route);
        });
    }

    private AcmeUrls urls(HttpServletRequest request, long caId) {
        return directory.urls(exchange.base(request), caId);
    }
}
