package dev.inkan.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.CaSpec;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.LeafSpec;
import dev.inkan.engine.Pem;
import dev.inkan.engine.SigningRequest;
import dev.inkan.testing.RunningService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The web UI in a real browser: Debian's headless Chromium driven by Selenium against the real
 * service on a random port with a fresh data directory. Runs in order, as a user would: the
 * certificate issued by one step is revoked by a later one. Screenshots go to
 * {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTests extends BrowserTest {

    /** The UI password is the admin token (user admin). */
    static final String PASSWORD = TOKEN;

    private String certificatePage;
    /** The dashboard's counts (valid, expiring, expired, revoked) right after logging in. */
    private long[] baseline;

    @Test
    @Order(1)
    void loggedOutUserIsSentToTheLoginPage() throws IOException {
        open("/certificates");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Log in");
        chromium.screenshot("login");
        chromium.assertAccessible("the login page");
    }

    @Test
    @Order(2)
    void wrongPasswordIsRefusedAndTheAdminTokenLogsIn() throws IOException {
        logIn("not-the-token");
        assertThat(browser.getCurrentUrl()).contains("/login?error");
        assertThat(text(".alert.error")).contains("do not match");

        logIn(PASSWORD);
        // Back to the page asked for before logging in (step 1).
        assertThat(browser.getCurrentUrl()).startsWith(url("/certificates"));
        open("/");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        assertThat(text("main")).contains("valid", "expiring within 30 days", "expired", "revoked", "Root CA");
        baseline = statusCounts();
        chromium.screenshot("dashboard-empty");
    }

    @Test
    @Order(3)
    void invalidNameShowsTheFieldErrorKeepsWhatWasTypedAndIssuesNothing() throws IOException {
        long before = certificateCount();
        open("/certificates/new");
        type("commonName", "broken");
        type("names", "good.ui.test\nbad..name.test");
        submit();

        assertThat(browser.getCurrentUrl()).endsWith("/certificates/new");
        WebElement error = browser.findElement(By.id("names-error"));
        assertThat(error.getText()).contains("bad..name.test");
        assertThat(browser.findElement(By.id("names")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("names")).getDomProperty("value")).isEqualTo("good.ui.test\nbad..name.test");
        assertThat(browser.findElement(By.id("commonName")).getDomProperty("value")).isEqualTo("broken");
        chromium.screenshot("issue-form-error");
        assertThat(certificateCount()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void certificateIssuedThroughTheFormShowsItsDnsAndIpNames() throws IOException {
        open("/certificates/new");
        type("commonName", "app.ui.test");
        type("names", "app.ui.test, api.ui.test\n10.20.30.40");
        submit();

        assertThat(browser.getCurrentUrl()).matches(".*/certificates/\\d+");
        certificatePage = browser.getCurrentUrl();
        List<String> sans = browser.findElements(By.cssSelector("#sans li")).stream().map(WebElement::getText).toList();
        assertThat(sans).containsExactly("DNS:app.ui.test", "DNS:api.ui.test", "IP Address:10.20.30.40");
        assertThat(text(".badge")).isEqualToIgnoringCase("valid");
        chromium.screenshot("certificate-page");
        chromium.phoneScreenshot("certificate-page-phone");
    }

    @Test
    @Order(5)
    void issuedCertificateIsInTheListAndFoundBySearch() {
        open("/certificates?q=api.ui.test");
        List<WebElement> rows = browser.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("app.ui.test", "10.20.30.40");
        assertThat(rows.get(0).findElement(By.cssSelector(".badge")).getText()).isEqualToIgnoringCase("valid");
    }

    @Test
    @Order(6)
    void downloadedPemVerifiesAgainstTheCaWithTheJdk() throws Exception {
        HttpResponse<byte[]> pem = download(certificatePage + "/cert.pem");
        assertThat(pem.statusCode()).isEqualTo(200);
        assertThat(pem.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("attachment"));
        HttpResponse<byte[]> ca = download(url("/ca.pem"));
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate leaf = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(pem.body()));
        X509Certificate root = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(ca.body()));

        leaf.verify(root.getPublicKey());
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(x509.generateCertPath(List.of(leaf)), parameters);
        assertThat(leaf.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList()).contains("app.ui.test", "api.ui.test", "10.20.30.40");
    }

    @Test
    @Order(7)
    void postWithoutTheCsrfTokenIsRefusedWithTheFriendly403Page() throws IOException {
        long before = certificateCount();
        open("/certificates/new");
        type("names", "csrf.ui.test");
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.querySelectorAll('main input[name=_csrf]').forEach(e => e.remove());");
        submit();
        assertThat(browser.getTitle()).startsWith("Forbidden");
        assertThat(text("main")).contains("CSRF");
        chromium.assertAccessible("the 403 page");
        assertThat(certificateCount()).isEqualTo(before);
    }

    @Test
    @Order(8)
    void revokingAfterConfirmationChangesTheBadge() throws IOException {
        browser.get(certificatePage);
        chromium.clickAndWait(browser.findElement(By.linkText("Revoke…")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Revoke");
        // superseded, not keyCompromise: the downloads of step 10 still need the key (after keyCompromise it is
        // withheld, IssuanceSafeguardsTests)
        browser.findElement(By.cssSelector("#reason option[value=superseded]")).click();
        submit();

        assertThat(browser.getCurrentUrl()).isEqualTo(certificatePage);
        assertThat(text("h1 .badge")).isEqualToIgnoringCase("revoked");
        assertThat(text("main")).contains("superseded");
        open("/certificates?q=ui.test&status=revoked");
        assertThat(browser.findElements(By.cssSelector("tbody tr"))).hasSize(1);
    }

    @Test
    @Order(9)
    void dashboardCountsEachStatusAndListsTheNextToExpire() throws IOException {
        issue("soon.ui.test", "1");
        issue("later.ui.test, 192.168.1.10", "397");
        open("/");
        // Since step 2: app.ui.test issued then revoked, soon.ui.test expiring, later.ui.test valid.
        assertThat(statusCounts()).containsExactly(baseline[0] + 1, baseline[1] + 1, baseline[2], baseline[3] + 1);
        List<String> next = browser.findElements(By.cssSelector("#expiry-title ~ .table-wrap tbody tr td:first-child"))
                .stream().map(WebElement::getText).toList();
        assertThat(next).contains("soon.ui.test");
        chromium.screenshot("dashboard");
        chromium.phoneScreenshot("dashboard-phone");
    }

    @Test
    @Order(10)
    void pkcs12DownloadedThroughTheSessionOpensWithTheChosenPassword() throws Exception {
        browser.get(certificatePage);
        HttpResponse<byte[]> p12 = postInSession(certificatePage + "/pkcs12", "form[action$='/pkcs12']", "password=correct-horse");
        assertThat(p12.statusCode()).isEqualTo(200);
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(p12.body()), "correct-horse".toCharArray());
        String alias = store.aliases().nextElement();
        assertThat(store.isKeyEntry(alias)).isTrue();
        assertThat(((X509Certificate) store.getCertificate(alias)).getSubjectX500Principal().getName()).isEqualTo("CN=app.ui.test");
    }

    @Test
    @Order(10)
    void nginxBundleDownloadedThroughTheSessionHoldsTheCertificateItsKeyAndAP12WithTheChosenPassword() throws Exception {
        browser.get(certificatePage);
        assertThat(browser.findElement(By.id("download-bundle")).getAttribute("formaction")).endsWith("/bundle.zip");
        HttpResponse<byte[]> zip = postInSession(certificatePage + "/bundle.zip", "form[action$='/pkcs12']", "password=battery-staple");
        assertThat(zip.statusCode()).isEqualTo(200);
        java.util.Map<String, byte[]> files = new java.util.HashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        assertThat(files).containsKeys("fullchain.pem", "key.pem", "nginx/site.conf", "nginx/ssl.conf", "cert.p12", "ca.pem");
        X509Certificate leaf = dev.inkan.engine.Pem.readCertificates("cert", new String(files.get("fullchain.pem"))).get(0);
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=app.ui.test");
        assertThat(dev.inkan.engine.KeyPairs.matches(dev.inkan.engine.Pem.readPrivateKey("key", new String(files.get("key.pem")), null),
                leaf.getPublicKey())).isTrue();
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(files.get("cert.p12")), "battery-staple".toCharArray());
        assertThat(store.isKeyEntry(store.aliases().nextElement())).isTrue();
    }

    @Test
    @Order(11)
    void unknownCertificateAndUnknownPageGetTheFriendly404PageInTheLayout() {
        open("/certificates/987654321");
        assertThat(browser.getTitle()).startsWith("Not found");
        assertThat(text("main")).contains("987654321");
        assertThat(browser.findElement(By.cssSelector("nav.site-nav"))).isNotNull();
        open("/no-such-page");
        assertThat(browser.getTitle()).startsWith("Not found");
        assertThat(text("main")).contains("/no-such-page");
    }

    @Test
    @Order(12)
    void trustPageShowsTheFingerprintAndCommandsPerPlatform() throws IOException {
        open("/cas");
        chromium.clickAndWait(browser.findElement(By.linkText("How to trust")));
        assertThat(text("#fingerprint")).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(text("main")).contains("Unconstrained", "update-ca-certificates", "security add-trusted-cert",
                "certutil -A -d sql:$HOME/.pki/nssdb", "keytool -importcert", "NODE_EXTRA_CA_CERTS", "/install/linux -o inkan-install-ca-linux.sh && echo", "| sha256sum -c - && sudo sh inkan-install-ca-linux.sh");
        assertThat(browser.findElements(By.cssSelector("button[data-copy]")).size()).isGreaterThanOrEqualTo(13);
        chromium.screenshot("trust-page");
        chromium.phoneScreenshot("trust-page-phone");
    }

    @Test
    @Order(20)
    void csrPastedInTheFormIsPreviewedThenSigned() throws IOException {
        KeyPair key = KeyType.EC_P256.generate();
        String csr = Pem.encode(SigningRequest.create(key, LeafSpec.of("csr.ui.test",
                List.of("csr.ui.test", "www.csr.ui.test"), List.of("10.9.8.7"), CertificateProfile.SERVER, 90)));
        long before = certificateCount();
        open("/certificates/csr");
        chromium.setValue("csr", csr);
        type("validityDays", "90");
        submit();

        assertThat(text("#preview-title")).isEqualTo("What will be signed");
        assertThat(browser.findElements(By.cssSelector("#preview-names li")).stream().map(WebElement::getText).toList())
                .containsExactly("DNS:csr.ui.test", "DNS:www.csr.ui.test", "IP Address:10.9.8.7");
        chromium.screenshot("csr-preview");
        submit();

        assertThat(browser.getCurrentUrl()).matches(".*/certificates/\\d+");
        assertThat(browser.findElements(By.cssSelector("#sans li")).stream().map(WebElement::getText).toList())
                .containsExactly("DNS:csr.ui.test", "DNS:www.csr.ui.test", "IP Address:10.9.8.7");
        assertThat(text("main")).contains("does not hold this certificate");
        assertThat(browser.findElements(By.partialLinkText("key.pem"))).isEmpty();
        // One certificate more, not two: the preview signed nothing.
        assertThat(certificateCount()).isEqualTo(before + 1);
    }

    @Test
    @Order(21)
    void nameConstrainedIntermediateMadeInTheFormRefusesOtherNames() throws IOException {
        open("/cas/new");
        type("name", "Home Lab Issuing CA");
        browser.findElement(By.cssSelector("#parentId option[value='1']")).click();
        type("validityDays", "1825");
        type("permittedDnsDomains", "home.test");
        chromium.screenshot("ca-form");
        submit();

        assertThat(browser.getCurrentUrl()).matches(".*/cas/\\d+/trust");
        assertThat(text("main")).contains("Name-constrained:", "home.test").doesNotContain("Unconstrained.");
        String caId = browser.getCurrentUrl().replaceAll(".*/cas/(\\d+)/trust", "$1");

        open("/certificates/new");
        type("names", "nas.home.test\nbank.example");
        browser.findElement(By.cssSelector("#caId option[value='" + caId + "']")).click();
        submit();
        assertThat(text("#names-error")).contains("bank.example");
        type("names", "nas.home.test");
        submit();
        assertThat(browser.getCurrentUrl()).matches(".*/certificates/\\d+");
        assertThat(text("main")).contains("CN=Home Lab Issuing CA", "DNS:nas.home.test");
    }

    @Test
    @Order(22)
    void existingCaImportedThroughTheFormIsListed() throws IOException {
        KeyPair key = KeyType.EC_P256.generate();
        X509Certificate ca = CertificateIssuer.selfSignedRoot(CaSpec.root("Old omgwtfssl CA", 365), key, java.time.Instant.now());
        open("/cas/import");
        chromium.setValue("certificatePem", Pem.encode(ca));
        chromium.setValue("privateKeyPem", Pem.encode(KeyType.EC_P256.generate().getPrivate()));
        submit();
        assertThat(text(".field-error")).contains("does not match");
        assertThat(browser.findElement(By.id("certificatePem")).getDomProperty("value")).startsWith("-----BEGIN CERTIFICATE-----");

        chromium.setValue("privateKeyPem", Pem.encode(key.getPrivate()));
        submit();
        assertThat(browser.getCurrentUrl()).matches(".*/cas/\\d+");
        assertThat(text("h1")).contains("Old omgwtfssl CA");
        open("/cas");
        assertThat(text("main")).contains("Root CA", "Home Lab Issuing CA", "Old omgwtfssl CA");
        chromium.screenshot("ca-list");
        open("/certificates?q=ui.test");
        assertThat(browser.findElements(By.cssSelector("tbody tr td:first-child")).stream().map(WebElement::getText).toList())
                .containsExactlyInAnyOrder("app.ui.test", "soon.ui.test", "later.ui.test", "csr.ui.test");
        chromium.screenshot("certificate-list");
    }

    /**
     * Every page of the UI, filled with what the tests before made (certificates, a revoked one, CAs),
     * passes axe-core's WCAG 2.1 A/AA and best-practice rules; the login and 403 pages are checked where
     * they appear above, forms with field errors below.
     */
    @Test
    @Order(98)
    void everyPagePassesAxeCoreWcag21AaAndBestPractices() {
        String certificate = certificatePage.substring(certificatePage.indexOf("/certificates/"));
        for (String path : List.of("/", "/certificates", "/certificates?status=revoked", certificate, certificate + "/revoke",
                "/certificates/new", "/certificates/csr", "/cas", "/cas/1", "/cas/1/trust", "/cas/1/acme", "/cas/new", "/cas/import",
                "/webhooks", "/audit", "/bootstrap", "/certificates/987654321", "/no-such-page")) {
            open(path);
            chromium.assertAccessible(path);
        }
        open("/certificates/new");
        type("names", "bad name!");
        submit();
        assertThat(browser.findElements(By.id("names-error"))).isNotEmpty();
        chromium.assertAccessible("the issue form with a field error");
    }

    @Test
    @Order(99)
    void loggingOutEndsTheSession() {
        open("/");
        chromium.clickAndWait(browser.findElement(By.cssSelector("form.logout button")));
        assertThat(browser.getCurrentUrl()).contains("/login?logout");
        open("/certificates");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
    }

    private void issue(String names, String validityDays) {
        open("/certificates/new");
        type("names", names);
        type("validityDays", validityDays);
        submit();
        assertThat(browser.getCurrentUrl()).matches(".*/certificates/\\d+");
    }

    /** The dashboard's four numbers, in page order: valid, expiring, expired, revoked. */
    private long[] statusCounts() {
        return browser.findElements(By.cssSelector(".stat .n")).stream().mapToLong(e -> Long.parseLong(e.getText())).toArray();
    }

    private HttpResponse<byte[]> download(String address) throws IOException, InterruptedException {
        return dev.inkan.testing.TrustedCas.httpClient().send(HttpRequest.newBuilder(URI.create(address))
                .header("Cookie", chromium.sessionCookie()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private void submit() {
        chromium.clickAndWait(browser.findElement(By.cssSelector("main form button[type=submit]")));
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

}
