package dev.inkan.web.acme;

import dev.inkan.acme.AcmeAccounts;
import dev.inkan.acme.AcmeDirectory;
import dev.inkan.acme.AcmeIssuance;
import dev.inkan.acme.AcmeOrders;
import dev.inkan.acme.AcmeResponse;
import dev.inkan.acme.AcmeUrls;
import dev.inkan.acme.JwsVerifier;
import dev.inkan.acme.JwsVerifier.KeyMode;
import dev.inkan.acme.SignedRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.BiFunction;
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
class AcmeController {

    private final AcmeDirectory directory;
    private final AcmeAccounts accounts;
    private final AcmeOrders orders;
    private final AcmeIssuance issuance;
    private final JwsVerifier verifier;
    private final AcmeExchange exchange;

    AcmeController(AcmeDirectory directory, AcmeAccounts accounts, AcmeOrders orders, AcmeIssuance issuance, JwsVerifier verifier,
                   AcmeExchange exchange) {
        this.directory = directory;
        this.accounts = accounts;
        this.orders = orders;
        this.issuance = issuance;
        this.verifier = verifier;
        this.exchange = exchange;
    }

    @GetMapping("/acme/directory")
    ResponseEntity<Object> defaultDirectory(HttpServletRequest request) {
        return exchange.respond(request, directory.directory(directory.urls(exchange.base(request), null)));
    }

    @GetMapping("/acme/{caId:\\d+}/directory")
    ResponseEntity<Object> directory(@PathVariable long caId, HttpServletRequest request) {
        return exchange.respond(request, directory.directory(urls(request, caId)));
    }

    /** RFC 8555 §7.2: HEAD answers 200, GET 204, both with a nonce. */
    @RequestMapping(path = "/acme/{caId:\\d+}/new-nonce", method = {RequestMethod.HEAD, RequestMethod.GET})
    ResponseEntity<Object> newNonce(@PathVariable long caId, HttpServletRequest request) {
        urls(request, caId);
        int status = request.getMethod().equals("HEAD") ? 200 : 204;
        return ResponseEntity.status(status).headers(exchange.headers(request)).build();
    }

    @PostMapping("/acme/{caId:\\d+}/new-account")
    ResponseEntity<Object> newAccount(@PathVariable long caId, HttpServletRequest request) {
        return signed(request, caId, KeyMode.JWK, accounts::newAccount);
    }

    @PostMapping("/acme/{caId:\\d+}/acct/{id:\\d+}")
    ResponseEntity<Object> account(@PathVariable long caId, @PathVariable long id, HttpServletRequest request) {
        return signed(request, caId, KeyMode.KID, (urls, signed) -> accounts.account(urls, signed, id));
    }

    @PostMapping("/acme/{caId:\\d+}/acct/{id:\\d+}/orders")
    ResponseEntity<Object> accountOrders(@PathVariable long caId, @PathVariable long id, HttpServletRequest request) {
        return signed(request, caId, KeyMode.KID, (urls, signed) -> orders.orders(urls, signed, id));
    }

    @PostMapping("/acme/{caId:\\d+}/key-change")
    ResponseEntity<Object> keyChange(@PathVariable long caId, HttpServletRequest request) {
        return signed(request, caId, KeyMode.KID, accounts::keyChange);
    }

    @PostMapping("/acme/{caId:\\d+}/new-order")
    ResponseEntity<Object> newOrder(@PathVariable long caId, HttpServletRequest request) {
        return signed(request, caId, KeyMode.KID, orders::newOrder);
    }

    @PostMapping("/acme/{caId:\\d+}/order/{id:\\d+}")
    ResponseEntity<Object> order(@PathVariable long caId, @PathVariable long id, HttpServletRequest request) {
        return signed(request, caId, KeyMode.KID, (urls, signed) -> orders.order(urls, signed, id));
    }

    @PostMapping("/acme/{caId:\\d+}/order/{id:\\d+}/finalize")
    ResponseEntity<Object> finalizeOrder(@PathVariable long caId, @PathVariable long id, HttpServletRequest request) {
        return signed(request, caId, KeyMode.KID, (urls, signed) -> issuance.finalizeOrder(urls, signed, id));
    }

    @PostMapping("/acme/{caId:\\d+}/authz/{id:\\d+}")
    ResponseEntity<Object> authorization(@PathVariable long caId, @PathVariable long id, HttpServletRequest request) {
        return signed(request, caId, KeyMode.KID, (urls, signed) -> orders.authorization(urls, signed, id));
    }

    @PostMapping("/acme/{caId:\\d+}/chall/{id:\\d+}")
    ResponseEntity<Object> challenge(@PathVariable long caId, @PathVariable long id, HttpServletRequest request) {
        return signed(request, caId, KeyMode.KID, (urls, signed) -> orders.challenge(urls, signed, id));
    }

    @PostMapping("/acme/{caId:\\d+}/cert/{id:\\d+}")
    ResponseEntity<Object> certificate(@PathVariable long caId, @PathVariable long id, HttpServletRequest request) {
        return signed(request, caId, KeyMode.KID, (urls, signed) -> issuance.certificate(urls, signed, id));
    }

    @PostMapping("/acme/{caId:\\d+}/revoke-cert")
    ResponseEntity<Object> revoke(@PathVariable long caId, HttpServletRequest request) {
        return signed(request, caId, KeyMode.EITHER, issuance::revoke);
    }

    private ResponseEntity<Object> signed(HttpServletRequest request, long caId, KeyMode mode,
                                          BiFunction<AcmeUrls, SignedRequest, AcmeResponse> handler) {
        AcmeUrls urls = urls(request, caId);
        SignedRequest signed = verifier.verify(urls, exchange.url(request), request.getContentType(), AcmeExchange.body(request), mode);
        return exchange.respond(request, handler.apply(urls, signed));
    }

    private AcmeUrls urls(HttpServletRequest request, long caId) {
        return directory.urls(exchange.base(request), caId);
    }
}
