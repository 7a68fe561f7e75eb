package dev.inkan.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.testing.HostileNames;
import dev.inkan.testing.Processes;
import dev.inkan.testing.TestPki;
import java.security.cert.X509Certificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of the "Trust this CA" page keeps a hostile CA name one inert word: each is run in
 * {@code sh} with the trust tools stubbed, and nothing but the stubs runs.
 */
class TrustRecipesTests {

    private static final String[] TOOLS = {"certutil", "keytool", "security", "update-ca-certificates", "update-ca-trust", "trust",
            "apk", "cp", "curl", "node", "java", "COPY", "RUN", "openssl"};

    private static final X509Certificate CA_CERT = TestPki.root("Test Root CA").certificate();

    @TempDir
    Path dir;

    /** The pinned install one-liners (they embed the base URL and a hash, nothing of the CA's name). */
    private static final List<TrustRecipes.Platform> ONE_LINERS = TrustRecipes.oneLiners(
            new TrustInstallers(TemplateRenderer.packaged()), RootOfTrust.of(CA_CERT), "http://127.0.0.1:8080");

    @Test
    void everyShellCommandOfThePageRunsWithoutExecutingAnythingFromTheCaName() throws Exception {
        HostileNames.Sandbox box = HostileNames.Sandbox.in(dir, TOOLS);
        Files.createDirectories(box.home().resolve(".mozilla/firefox/abc.default"));
        Files.writeString(box.home().resolve(".mozilla/firefox/abc.default/cert9.db"), "");
        List<String> names = HostileNames.names(box.marks());
        int commands = 0;
        for (String name : names) {
            TrustRecipes trust = TrustRecipes.of(name, "http://127.0.0.1:8080/ca.pem", "http://127.0.0.1:8080");
            List<String> shell = new ArrayList<>();
            shell.add(trust.fetch());
            trust.platforms().stream().filter(p -> !p.id().equals("windows")).forEach(p -> shell.add(p.commands()));
            ONE_LINERS.stream().filter(p -> !p.id().contains("windows")).forEach(p -> shell.add(p.commands()));
            for (String command : shell) {
                Processes.Result result = box.sh(dir, command);
                assertThat(result.stderr()).as(command).doesNotContainIgnoringCase("syntax error");
                commands++;
            }
            String expected = ScriptLiterals.printable(name);
            assertThat(box.optionValues("certutil", "-n")).as(name).isNotEmpty().allMatch(expected::equals);
            assertThat(box.optionValues("keytool", "-alias")).as(name).hasSize(2).allMatch(expected::equals);
            Files.deleteIfExists(box.log().resolve("certutil"));
            Files.deleteIfExists(box.log().resolve("keytool"));
        }
        assertThat(commands).isGreaterThan(names.size() * 10);
        assertThat(box.markers()).as("commands run from a CA name").isEmpty();
        assertThat(box.calls("curl")).extracting(call -> call.get(1)).contains("http://127.0.0.1:8080/ca.pem",
                "http://127.0.0.1:8080/install/linux");
    }

    @Test
    void thePowerShellCommandsKeepEveryValueInsideASingleQuotedString() {
        for (String name : HostileNames.names(dir)) {
            TrustRecipes trust = TrustRecipes.of(name, "http://127.0.0.1:8080/ca.pem", "http://127.0.0.1:8080");
            String windows = trust.platforms().stream().filter(p -> p.id().equals("windows")).findFirst().orElseThrow().commands();
            List<ScriptLiteralsTests.PowerShellToken> tokens = ScriptLiteralsTests.tokenize(windows);
            assertThat(tokens).filteredOn(ScriptLiteralsTests.PowerShellToken::quoted).extracting(ScriptLiteralsTests.PowerShellToken::text)
                    .containsExactly(".\\" + trust.caFile());
            assertThat(tokens).filteredOn(t -> !t.quoted()).allSatisfy(t -> assertThat(t.text()).doesNotContain("$", "`", ";", "(", "'"));
        }
    }

    @Test
    void aForgedHostHeaderCannotPutSyntaxIntoTheOneLiners() {
        TrustRecipes trust = TrustRecipes.of("Root", "x", "http://evil$(touch x):80");
        var oneLiners = TrustRecipes.oneLiners(new TrustInstallers(TemplateRenderer.packaged()), RootOfTrust.of(CA_CERT),
                "http://evil$(touch x):80");
        assertThat(Stream.concat(oneLiners.stream(), trust.platforms().stream()).map(TrustRecipes.Platform::commands))
                .noneMatch(c -> c.contains("$(touch"));
        assertThat(trust.fetch()).isEqualTo("curl -fsSL http://INKAN-HOST:8080/ca.pem -o root.crt");
    }
}
