package dev.inkan.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.ApiClient;
import dev.inkan.testing.RunningService;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The Audit page in headless Chromium: reached from the navigation, filtered with its form, user-named text inert. */
class AuditPageBrowserTests extends BrowserTest {

    @Test
    void auditPageListsWhatTheApiDidAndFiltersByAction() throws IOException {
        String name = "b" + UUID.randomUUID().toString().substring(0, 8) + ".audit.test";
        ApiClient.Response issued = api().post("/api/v1/certificates", "{\"commonName\":\"" + name + "\"}");
        assertThat(issued.status()).isEqualTo(201);
        long id = issued.json().path("id").asLong();
        assertThat(api().post("/api/v1/certificates/" + id + "/revoke", "{\"reason\":\"superseded\"}").status()).isEqualTo(200);

        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).as("logged out: the login page").contains("/login");
        logInOnce();
        WebElement nav = browser.findElement(By.linkText("Audit"));
        chromium.clickAndWait(nav);
        assertThat(browser.getCurrentUrl()).endsWith("/audit");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Audit");
        assertThat(browser.findElement(By.linkText("Audit")).getAttribute("aria-current")).isEqualTo("page");
        List<WebElement> rows = browser.findElements(By.cssSelector("#audit-events tbody tr"));
        assertThat(rows.get(0).getText()).contains("api-token", "certificate.revoked", "superseded");
        assertThat(rows.get(1).getText()).contains("certificate.issued", name);

        browser.findElement(By.cssSelector("#action option[value='certificate.revoked']")).click();
        browser.findElement(By.id("actor")).sendKeys("api-token");
        chromium.clickAndWait(browser.findElement(By.cssSelector("form.filters button[type=submit]")));
        assertThat(browser.getCurrentUrl()).contains("action=certificate.revoked").contains("actor=api-token");
        List<String> actions = browser.findElements(By.cssSelector("#audit-events td.audit-action")).stream()
                .map(WebElement::getText).toList();
        assertThat(actions).isNotEmpty().containsOnly("certificate.revoked");
        assertThat(browser.findElement(By.cssSelector("#action option:checked")).getText()).isEqualTo("certificate.revoked");
        assertThat(browser.findElement(By.id("audit-export")).getAttribute("href"))
                .contains("/audit/export.jsonl").contains("action=certificate.revoked");
        chromium.screenshot("audit-page");

        browser.get(url("/audit?actor=" + "%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E"));
        assertThat(browser.findElement(By.id("actor")).getDomProperty("value")).isEqualTo("<script>window.pwned=1</script>");
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).isEqualTo(true);
    }
}
