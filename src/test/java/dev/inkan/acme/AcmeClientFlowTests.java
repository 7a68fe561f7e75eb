package dev.inkan.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inkan.testing.Tools;
import dev.inkan.testing.Verifiers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.util.KeyPairUtils;
import tools.jackson.databind.JsonNode;

/**
 * acme4j, an independent RFC 8555 client, drives the whole flow against the running service: accounts with EC
 * P-256/P-384 and RSA keys (acme4j 3.5 cannot sign with Ed25519; {@code AcmeJwsTests} covers EdDSA), http-01, dns-01 (wildcard) and tls-alpn-01, IP identifiers, keyChange, deactivation and
 * both revocation paths; every certificate is then checked by openssl -x509_strict and Go.
 */
@Tag("postgresql") // run again on PostgreSQL: the pom's surefire execution "postgresql"
class AcmeClientFlowTests extends AcmeServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    static {
        // acme4j builds CSRs and keys with Bouncy Castle's provider
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
    }

    @ParameterizedTest(name = "{0} account key")
    @ValueSource(strings = {"ec", "ec-p384", "rsa"})
    void anAccountKeyOfEachTypeGetsACertificateByHttp01ThatOpensslAndGoAccept(String keyType) throws Exception {
        Account account = newAccount(accountKey(keyType));
        String name = "http01-" + keyType + ".acme.test";
        Order order = account.newOrder().domains(name).create();
        for (Authorization authorization : order.getAuthorizations()) {
            Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow();
            AcmeTestNetwork.serveHttp01(challenge.getToken(), challenge.getAuthorization());
            challenge.trigger();
            assertThat(authorization.waitForCompletion(WAIT)).isEqualTo(Status.VALID);
        }
        X509Certificate leaf = issue(order, name);
        assertThat(leaf.getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1)).containsExactly(name);
        JsonNode listed = api().get("/api/v1/certificates?q=" + name).json().get("items").get(0);
        assertThat(listed.get("origin").asString()).isEqualTo("acme");
        assertThat(listed.get("createdBy").asString()).startsWith("acme account ");
    }

    @Test
    void aWildcardIsAuthorizedByDns01ThroughTheConfiguredResolver() throws Exception {
        Account account = newAccount(accountKey("ec"));
        Order order = account.newOrder().domains("*.wild.acme.test", "wild.acme.test").create();
        for (Authorization authorization : order.getAuthorizations()) {
            Dns01Challenge challenge = authorization.findChallenge(Dns01Challenge.class).orElseThrow();
            AcmeTestNetwork.setTxt("_acme-challenge." + authorization.getIdentifier().getDomain(), challenge.getDigest());
            challenge.trigger();
            assertThat(authorization.waitForCompletion(WAIT)).isEqualTo(Status.VALID);
        }
        X509Certificate leaf = issue(order, "app.wild.acme.test");
        assertThat(leaf.getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1)).containsExactlyInAnyOrder("*.wild.acme.test", "wild.acme.test");
    }

    @Test
    void tlsAlpn01ValidatesAgainstAnIndependentResponder() throws Exception {
        Account account = newAccount(accountKey("ec"));
        String name = "alpn.acme.test";
        Order order = account.newOrder().domains(name).create();
        Authorization authorization = order.getAuthorizations().get(0);
        TlsAlpn01Challenge challenge = authorization.findChallenge(TlsAlpn01Challenge.class).orElseThrow();
        AcmeTestNetwork.serveTlsAlpn01(name, challenge.getAuthorization());
        challenge.trigger();
        Status status = authorization.waitForCompletion(WAIT);
        challenge.fetch();
        assertThat(status).as(() -> String.valueOf(challenge.getError().map(e -> e.getDetail()))).isEqualTo(Status.VALID);
        issue(order, name);
    }

    @Test
    void anIpAddressIsOrderedAndValidatedByHttp01() throws Exception {
        Account account = newAccount(accountKey("ec"));
        Order order = account.newOrder().identifier(org.shredzone.acme4j.Identifier.ip("127.0.0.1")).create();
        Authorization authorization = order.getAuthorizations().get(0);
        assertThat(authorization.getChallenges()).extracting(c -> c.getType()).containsExactlyInAnyOrder("http-01", "tls-alpn-01");
        Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow();
        AcmeTestNetwork.serveHttp01(challenge.getToken(), challenge.getAuthorization());
        challenge.trigger();
        assertThat(authorization.waitForCompletion(WAIT)).isEqualTo(Status.VALID);
        X509Certificate leaf = issue(order, "127.0.0.1");
        assertThat(leaf.getSubjectAlternativeNames()).extracting(n -> (Object) n.get(0)).containsExactly(7);
    }

    @Test
    void aWrongTokenAnswerMakesTheChallengeAndOrderInvalid() throws Exception {
        Account account = newAccount(accountKey("ec"));
        Order order = account.newOrder().domains("wrong-answer.acme.test").create();
        Authorization authorization = order.getAuthorizations().get(0);
        Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow();
        AcmeTestNetwork.serveHttp01(challenge.getToken(), "not-the-key-authorization");
        challenge.trigger();
        assertThat(authorization.waitForCompletion(WAIT)).isEqualTo(Status.INVALID);
        challenge.fetch();
        assertThat(challenge.getError().orElseThrow().getType()).isEqualTo(URI.create("urn:ietf:params:acme:error:incorrectResponse"));
        order.fetch();
        assertThat(order.getStatus()).isEqualTo(Status.INVALID);
    }

    @Test
    void keyChangeMovesTheAccountToTheNewKeyAndRetiresTheOld() throws Exception {
        KeyPair oldKey = accountKey("ec");
        KeyPair newKey = accountKey("rsa");
        Account account = newAccount(oldKey);
        account.changeKey(newKey);
        Account again = new AccountBuilder().onlyExisting().useKeyPair(newKey).create(session());
        assertThat(again.getLocation()).isEqualTo(account.getLocation());
        assertThatThrownBy(() -> new AccountBuilder().onlyExisting().useKeyPair(oldKey).create(session()))
                .isInstanceOf(AcmeServerException.class).hasMessageContaining("no account exists");
        assertThat(again.newOrder().domains("after-keychange.acme.test").create().getStatus()).isEqualTo(Status.PENDING);
    }

    @Test
    void aCertificateIsRevokedByItsAccountAndAnotherByItsOwnKey() throws Exception {
        Account account = newAccount(accountKey("rsa"));
        KeyPair domainKey = KeyPairUtils.createECKeyPair("secp256r1");
        Certificate first = certificateByHttp01(account, "revoke-by-account.acme.test", KeyPairUtils.createECKeyPair("secp256r1"));
        Certificate second = certificateByHttp01(account, "revoke-by-key.acme.test", domainKey);

        first.revoke(RevocationReason.SUPERSEDED);
        Certificate.revoke(session(), domainKey, second.getCertificate(), RevocationReason.KEY_COMPROMISE);

        assertThat(revocationReason(first)).isEqualTo("superseded");
        assertThat(revocationReason(second)).isEqualTo("keyCompromise");
        assertThatThrownBy(() -> first.revoke()).isInstanceOf(AcmeServerException.class)
                .extracting(e -> ((AcmeServerException) e).getType()).isEqualTo(URI.create("urn:ietf:params:acme:error:alreadyRevoked"));
    }

    @Test
    void aValidAuthorizationIsReusedByTheSameAccountButNotByAnother() throws Exception {
        Account account = newAccount(accountKey("ec"));
        certificateByHttp01(account, "reuse.acme.test", KeyPairUtils.createECKeyPair("secp256r1"));

        Order again = account.newOrder().domains("reuse.acme.test").create();
        assertThat(again.getStatus()).as("no challenge left to answer").isEqualTo(Status.READY);
        assertThat(again.getAuthorizations()).extracting(Authorization::getStatus).containsExactly(Status.VALID);
        X509Certificate leaf = issue(again, "reuse.acme.test");
        assertThat(leaf.getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1)).containsExactly("reuse.acme.test");

        Order other = newAccount(accountKey("ec")).newOrder().domains("reuse.acme.test").create();
        assertThat(other.getStatus()).isEqualTo(Status.PENDING);
        assertThat(other.getAuthorizations()).extracting(Authorization::getStatus).containsExactly(Status.PENDING);
    }

    @Test
    void revokeCertRefusesACertificateNotIssuedOverAcmeAsUnauthorized() throws Exception {
        var issued = api().post("/api/v1/certificates", "{\"commonName\":\"api-made.acme.test\",\"dnsNames\":[\"api-made.acme.test\"]}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        long id = issued.json().get("id").asLong();
        X509Certificate apiMade = dev.inkan.engine.Pem.readCertificates("cert", api().get("/api/v1/certificates/" + id + "/cert.pem").text()).get(0);
        KeyPair certificateKey = new KeyPair(apiMade.getPublicKey(), dev.inkan.engine.Pem.readPrivateKey("key",
                api().get("/api/v1/certificates/" + id + "/key.pem").text(), null));
        KeyPair accountKey = accountKey("ec");
        Account account = newAccount(accountKey);

        assertThatThrownBy(() -> Certificate.revoke(session().login(account.getLocation(), accountKey), apiMade, RevocationReason.SUPERSEDED))
                .isInstanceOf(AcmeServerException.class).extracting(e -> ((AcmeServerException) e).getType())
                .isEqualTo(URI.create("urn:ietf:params:acme:error:unauthorized"));
        assertThatThrownBy(() -> Certificate.revoke(session(), certificateKey, apiMade, RevocationReason.SUPERSEDED))
                .as("even signed by the certificate's own key").isInstanceOf(AcmeServerException.class)
                .extracting(e -> ((AcmeServerException) e).getType()).isEqualTo(URI.create("urn:ietf:params:acme:error:unauthorized"));
        assertThat(api().get("/api/v1/certificates/" + id).json().get("status").asString()).isNotEqualTo("revoked");
    }

    @Test
    void aDeactivatedAccountCanNoLongerOrder() throws Exception {
        Account account = newAccount(accountKey("ec"));
        account.deactivate();
        assertThat(account.getStatus()).isEqualTo(Status.DEACTIVATED);
        assertThatThrownBy(() -> account.newOrder().domains("after-deactivation.acme.test").create())
                .isInstanceOf(AcmeServerException.class)
                .extracting(e -> ((AcmeServerException) e).getType()).isEqualTo(URI.create("urn:ietf:params:acme:error:unauthorized"));
    }

    @Test
    void contactIsStoredAndUpdated() throws Exception {
        Account account = newAccount(accountKey("ec"));
        account.modify().addContact("mailto:second@acme.test").commit();
        account.fetch();
        assertThat(account.getContacts()).extracting(URI::toString).containsExactly("mailto:ops@acme.test", "mailto:second@acme.test");
    }

    // ---- helpers

    Session session() {
        return new Session(URI.create(directoryUrl()));
    }

    Account newAccount(KeyPair key) throws Exception {
        return new AccountBuilder().agreeToTermsOfService().addContact("mailto:ops@acme.test").useKeyPair(key).create(session());
    }

    Certificate certificateByHttp01(Account account, String name, KeyPair domainKey) throws Exception {
        Order order = account.newOrder().domains(name).create();
        for (Authorization authorization : order.getAuthorizations()) {
            Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow();
            AcmeTestNetwork.serveHttp01(challenge.getToken(), challenge.getAuthorization());
            challenge.trigger();
            authorization.waitForCompletion(WAIT);
        }
        order.waitUntilReady(WAIT);
        order.execute(domainKey);
        assertThat(order.waitForCompletion(WAIT)).isEqualTo(Status.VALID);
        return order.getCertificate();
    }

    /** Finalizes, downloads, and has openssl -x509_strict and Go verify the chain for {@code hostname}. */
    X509Certificate issue(Order order, String hostname) throws Exception {
        assertThat(order.waitUntilReady(WAIT)).isEqualTo(Status.READY);
        order.execute(KeyPairUtils.createECKeyPair("secp256r1"));
        assertThat(order.waitForCompletion(WAIT)).isEqualTo(Status.VALID);
        List<X509Certificate> chain = order.getCertificate().getCertificateChain();
        X509Certificate leaf = chain.get(0);
        X509Certificate root = chain.get(chain.size() - 1);
        Path dir = Files.createTempDirectory(Tools.buildDir(), "acme-cert-");
        var files = Verifiers.Chain.write(dir, leaf, chain.subList(1, chain.size() - 1), root);
        var openssl = Verifiers.openssl(files, hostname, "sslserver");
        assertThat(openssl.accepted()).as(openssl.output()).isTrue();
        var go = Verifiers.go(files, hostname, "server");
        assertThat(go.accepted()).as(go.output()).isTrue();
        assertThat(leaf.getNotAfter().getTime() - leaf.getNotBefore().getTime()).isBetween(Duration.ofDays(89).toMillis(),
                Duration.ofDays(91).toMillis());
        return leaf;
    }

    String revocationReason(Certificate certificate) {
        String serial = certificate.getCertificate().getSerialNumber().toString(16);
        String name = certificate.getCertificate().getSubjectX500Principal().getName().replaceFirst("^CN=", "");
        for (JsonNode item : api().get("/api/v1/certificates?q=" + name).json().get("items")) {
            if (item.get("serialNumber").asString().equals(serial)) {
                return item.get("revocationReason").asString();
            }
        }
        throw new AssertionError("certificate " + serial + " is not in the inventory");
    }

    static KeyPair accountKey(String type) throws Exception {
        return switch (type) {
            case "ec" -> KeyPairUtils.createECKeyPair("secp256r1");
            case "rsa" -> KeyPairUtils.createKeyPair(2048);
            case "ec-p384" -> KeyPairUtils.createECKeyPair("secp384r1");
            case "ed25519" -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            default -> throw new IllegalArgumentException(type);
        };
    }
}
