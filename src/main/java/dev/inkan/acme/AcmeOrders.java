package dev.inkan.acme;

import dev.inkan.engine.CryptoProviders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.json.JsonUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Orders, authorizations and challenges (RFC 8555 §7.4-7.5): newOrder with dns and ip (RFC 8738) identifiers and
 * wildcards, their expiry, and the start of a challenge's validation. Finalize and certificates are in {@link AcmeIssuance}.
 */
@Service
public record AcmeOrders(OrderStore orders, AcmeDirectory directory, ChallengeValidation validation, TransactionTemplate transactions, Clock clock) {

    /** How long an order and its authorizations may stay unfinished. */
    static final Duration ORDER_LIFETIME = Duration.ofDays(7);
    private static final int RETRY_AFTER_SECONDS = 1;

    public AcmeResponse newOrder(AcmeUrls urls, SignedRequest request) {
        AcmeAccount account = request.requireAccount();
        DirectorySettings settings = directory.requireEnabled(urls);
        if (request.payload().containsKey("notBefore") || request.payload().containsKey("notAfter")) {
            throw new AcmeProblem(AcmeError.MALFORMED, "notBefore and notAfter are not supported: the lifetime is the directory's ("
                    + settings.certificateDays() + " days); leave them out");
        }
        if (!(request.payload().get("identifiers") instanceof List<?> list) || list.isEmpty() || list.size() > 100) {
            throw new AcmeProblem(AcmeError.MALFORMED, "\"identifiers\" must list 1 to 100 identifiers such as {\"type\":\"dns\",\"value\":\"app.test\"}");
        }
        Set<Identifier> identifiers = new LinkedHashSet<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new AcmeProblem(AcmeError.MALFORMED, "each identifier is an object {\"type\", \"value\"}");
            }
            identifiers.add(Identifier.parse(String.valueOf(map.get("type")), map.get("value") instanceof String v ? v : null));
        }
        List<Identifier> ordered = List.copyOf(identifiers);
        directory.checkIdentifiers(urls, settings, ordered);
        Instant now = clock.instant();
        // RFC 8555 §7.1.3: a valid authorization of this account for the same identifier serves the new order too
        Map<Identifier, AcmeOrder.Authorization> reused = new HashMap<>();
        for (Identifier identifier : ordered) {
            orders.validAuthorization(account.id(), identifier.authorization(), identifier.wildcard(), now)
                    .ifPresent(valid -> reused.put(identifier, valid));
        }
        // the order does not outlive a validation it relies on
        Instant expires = reused.values().stream().map(AcmeOrder.Authorization::expires).reduce(now.plus(ORDER_LIFETIME),
                (a, b) -> a.isBefore(b) ? a : b);
        long id = transactions.execute(status -> {
            long orderId = orders.insertOrder(account.id(), ordered, expires, now);
            for (Identifier identifier : ordered) {
                if (reused.containsKey(identifier)) {
                    orders.insertReusedAuthorization(orderId, reused.get(identifier));
                    continue;
                }
                long authzId = orders.insertAuthorization(orderId, identifier.authorization(), identifier.wildcard(), expires);
                for (ChallengeType type : challengeTypes(identifier)) {
                    orders.insertChallenge(authzId, type, token());
                }
            }
            return orderId;
        });
        return AcmeResponse.json(201, orderView(urls, refresh(orders.order(id).orElseThrow()))).at(urls.order(id));
    }

    /** RFC 8555 §8.4: a wildcard only by dns-01; RFC 8738 §7: an IP address never by dns-01. */
    static List<ChallengeType> challengeTypes(Identifier identifier) {
        if (identifier.wildcard()) {
            return List.of(ChallengeType.DNS_01);
        }
        if (identifier.type().equals(Identifier.IP)) {
            return List.of(ChallengeType.HTTP_01, ChallengeType.TLS_ALPN_01);
        }
        return List.of(ChallengeType.HTTP_01, ChallengeType.DNS_01, ChallengeType.TLS_ALPN_01);
    }

    public AcmeResponse order(AcmeUrls urls, SignedRequest request, long id) {
        AcmeOrder order = refresh(owned(request, id));
        AcmeResponse response = AcmeResponse.json(200, orderView(urls, order)).at(urls.order(id));
        return order.status() == AcmeStatus.PROCESSING ? response.retryAfter(RETRY_AFTER_SECONDS) : response;
    }

    public AcmeResponse orders(AcmeUrls urls, SignedRequest request, long accountId) {
        if (request.requireAccount().id() != accountId) {
            throw new AcmeProblem(AcmeError.UNAUTHORIZED, "an account can list only its own orders");
        }
        return AcmeResponse.json(200, Map.of("orders", orders.ordersOf(accountId).stream()
                .filter(o -> o.status() != AcmeStatus.INVALID).map(o -> urls.order(o.id())).toList()));
    }

    /** An account's orders for the admin: newest first. */
    public List<AcmeOrder> ordersOf(long accountId) {
        return orders.ordersOf(accountId);
    }

    /** POST-as-GET reads an authorization; {"status":"deactivated"} gives it up (RFC 8555 §7.5.2). */
    public AcmeResponse authorization(AcmeUrls urls, SignedRequest request, long id) {
        AcmeOrder.Authorization authorization = ownedAuthorization(request, id);
        if ("deactivated".equals(request.payload().get("status"))) {
            if (!orders.authorizationStatus(id, AcmeStatus.PENDING, AcmeStatus.DEACTIVATED)) {
                orders.authorizationStatus(id, AcmeStatus.VALID, AcmeStatus.DEACTIVATED);
            }
        } else if (request.payload().containsKey("status")) {
            throw new AcmeProblem(AcmeError.MALFORMED, "an authorization's status can only be set to \"deactivated\"");
        }
        authorization = refresh(orders.authorization(id).orElseThrow());
        AcmeResponse response = AcmeResponse.json(200, authorizationView(urls, authorization));
        return authorization.status() == AcmeStatus.PENDING ? response.retryAfter(RETRY_AFTER_SECONDS) : response;
    }

    /** POST {} to a challenge: the client is ready, validation starts (RFC 8555 §7.5.1); POST-as-GET reads it. */
    public AcmeResponse challenge(AcmeUrls urls, SignedRequest request, long id) {
        AcmeOrder.Challenge challenge = orders.challenge(id).orElseThrow(() -> new AcmeProblem(AcmeError.MALFORMED, 404, "no challenge " + id));
        AcmeOrder.Authorization authorization = refresh(ownedAuthorization(request, challenge.authorizationId()));
        if (!request.postAsGet() && challenge.status() == AcmeStatus.PENDING) {
            if (authorization.status() != AcmeStatus.PENDING) {
                throw new AcmeProblem(AcmeError.MALFORMED, "the authorization is " + authorization.status().id() + "; no challenge of it can be started");
            }
            String keyAuthorization = challenge.token() + "." + AcmeAccounts.thumbprint(request.jwk());
            validation.start(challenge, authorization, keyAuthorization);
            challenge = orders.challenge(id).orElseThrow();
        }
        AcmeResponse response = AcmeResponse.json(200, challengeView(urls, challenge)).up(urls.authorization(authorization.id()));
        return challenge.status() == AcmeStatus.PROCESSING ? response.retryAfter(RETRY_AFTER_SECONDS) : response;
    }

    AcmeOrder owned(SignedRequest request, long id) {
        AcmeAccount account = request.requireAccount();
        AcmeOrder order = orders.order(id).orElseThrow(() -> new AcmeProblem(AcmeError.MALFORMED, 404, "no order " + id));
        if (order.accountId() != account.id()) {
            throw new AcmeProblem(AcmeError.UNAUTHORIZED, "order " + id + " belongs to another account");
        }
        return order;
    }

    private AcmeOrder.Authorization ownedAuthorization(SignedRequest request, long id) {
        AcmeAccount account = request.requireAccount();
        AcmeOrder.Authorization authorization = orders.authorization(id).orElseThrow(() -> new AcmeProblem(AcmeError.MALFORMED, 404,
                "no authorization " + id));
        if (orders.order(authorization.orderId()).orElseThrow().accountId() != account.id()) {
            throw new AcmeProblem(AcmeError.UNAUTHORIZED, "authorization " + id + " belongs to another account");
        }
        return authorization;
    }

    /** Applies expiry and the authorizations' outcome to an order (RFC 8555 §7.1.6). */
    AcmeOrder refresh(AcmeOrder order) {
        Instant now = clock.instant();
        AcmeStatus status = order.status();
        if ((status == AcmeStatus.PENDING || status == AcmeStatus.READY) && now.isAfter(order.expires())) {
            orders.orderStatus(order.id(), status, AcmeStatus.INVALID, JsonUtil.toJson(
                    new AcmeProblem(AcmeError.MALFORMED, "the order expired before it was finalized; place a new order").body()));
        } else if (status == AcmeStatus.PENDING) {
            List<AcmeStatus> states = orders.authorizations(order.id()).stream().map(a -> refresh(a).status()).toList();
            if (states.stream().anyMatch(s -> s != AcmeStatus.PENDING && s != AcmeStatus.VALID)) {
                orders.orderStatus(order.id(), status, AcmeStatus.INVALID, JsonUtil.toJson(
                        new AcmeProblem(AcmeError.UNAUTHORIZED, "an authorization of the order failed or was given up; see its challenges").body()));
            } else if (states.stream().allMatch(s -> s == AcmeStatus.VALID)) {
                orders.orderStatus(order.id(), status, AcmeStatus.READY, null);
            }
        } else {
            return order;
        }
        return orders.order(order.id()).orElseThrow();
    }

    private AcmeOrder.Authorization refresh(AcmeOrder.Authorization authorization) {
        if (authorization.status() == AcmeStatus.PENDING && clock.instant().isAfter(authorization.expires())) {
            orders.authorizationStatus(authorization.id(), AcmeStatus.PENDING, AcmeStatus.EXPIRED);
            return orders.authorization(authorization.id()).orElseThrow();
        }
        return authorization;
    }

    Map<String, Object> orderView(AcmeUrls urls, AcmeOrder order) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", order.status().id());
        body.put("expires", order.expires().toString());
        body.put("identifiers", order.identifiers().stream().map(i -> Map.of("type", i.type(), "value", i.value())).toList());
        body.put("authorizations", orders.authorizations(order.id()).stream().map(a -> urls.authorization(a.id())).toList());
        body.put("finalize", urls.finalizeOrder(order.id()));
        if (order.error() != null) {
            body.put("error", JwsVerifier.Flattened.json(order.error(), "stored error"));
        }
        if (order.certificateId() != null) {
            body.put("certificate", urls.certificate(order.certificateId()));
        }
        return body;
    }

    private Map<String, Object> authorizationView(AcmeUrls urls, AcmeOrder.Authorization authorization) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("identifier", Map.of("type", authorization.identifier().type(), "value", authorization.identifier().value()));
        body.put("status", authorization.status().id());
        body.put("expires", authorization.expires().toString());
        List<Object> challenges = new ArrayList<>();
        orders.challenges(authorization.id()).forEach(c -> challenges.add(challengeView(urls, c)));
        body.put("challenges", challenges);
        if (authorization.wildcard()) {
            body.put("wildcard", true);
        }
        return body;
    }

    private static Map<String, Object> challengeView(AcmeUrls urls, AcmeOrder.Challenge challenge) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", challenge.type().id());
        body.put("url", urls.challenge(challenge.id()));
        body.put("status", challenge.status().id());
        body.put("token", challenge.token());
        if (challenge.validated() != null) {
            body.put("validated", challenge.validated().toString());
        }
        if (challenge.error() != null) {
            body.put("error", JwsVerifier.Flattened.json(challenge.error(), "stored error"));
        }
        return body;
    }

    /** 256 random bits, base64url (RFC 8555 §8.1: at least 128 bits of entropy). */
    private String token() {
        byte[] bytes = new byte[32];
        CryptoProviders.random().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
