package dev.inkan.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.CertificateBundle;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.Pem;
import dev.inkan.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust-store scripts: shellcheck-clean, fingerprint-checked, idempotent, refusing clearly, honest about name constraints. */
class TrustInstallersTests {

    /** A CA name that would run commands if a script ever let the shell interpret it. */
    private static final String HOSTILE_NAME = "Evil $(touch /tmp/inkan-pwned) `id` 'quoted' \\ Root";

    private static final TrustInstallers INSTALLERS = new TrustInstallers(TemplateRenderer.packaged());
    private static RootOfTrust hostile;
    private static RootOfTrust constrained;

    @TempDir
    Path dir;

    @BeforeAll
    static void issue() {
        hostile = RootOfTrust.of(TestBundles.localhost(HOSTILE_NAME, KeyType.EC_P256).root());
        CertificateBundle corp = TestBundles.constrained("Corp Dev Root", List.of("corp.test", "lab.example"), "db.corp.test");
        constrained = RootOfTrust.of(corp.root());
    }

    private Path write(TrustPlatform platform, RootOfTrust ca) throws Exception {
        Path file = dir.resolve(platform.fileName());
        Files.writeString(file, INSTALLERS.render(platform, ca, "http://127.0.0.1:8080"));
        return file;
    }

    private static Processes.Result sh(Path script, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("sh", script.toString()));
        command.addAll(Arrays.asList(args));
        return Processes.run(command, null, env, Duration.ofSeconds(60));
    }

    @Test
    void platformIdsAreStable() {
        assertThat(Arrays.stream(TrustPlatform.values()).map(TrustPlatform::id)).containsExactly("linux", "debian", "fedora", "arch",
                "alpine", "nss", "macos", "windows", "java", "node", "python", "curl", "docker");
        assertThat(TrustPlatform.byId(" Linux ")).contains(TrustPlatform.LINUX);
        assertThat(TrustPlatform.byId("beos")).isEmpty();
        String linuxSha = TrustInstallers.sha256(INSTALLERS.render(TrustPlatform.LINUX, constrained, "http://10.0.0.5:8080"));
        assertThat(INSTALLERS.command(TrustPlatform.LINUX, constrained, "http://10.0.0.5:8080/"))
                .isEqualTo("curl -fsSL http://10.0.0.5:8080/install/linux -o inkan-install-ca-linux.sh && echo '" + linuxSha
                        + "  inkan-install-ca-linux.sh' | sha256sum -c - && sudo sh inkan-install-ca-linux.sh");
        String nssSha = TrustInstallers.sha256(INSTALLERS.render(TrustPlatform.NSS, constrained, "http://10.0.0.5:8080"));
        String windowsSha = TrustInstallers.sha256(INSTALLERS.render(TrustPlatform.WINDOWS, constrained, "http://10.0.0.5:8080"));
        assertThat(INSTALLERS.index(constrained, "http://10.0.0.5:8080")).contains(constrained.sha256Colons())
                .contains("This CA can sign only for: corp.test")
                .contains("nss      Firefox and Chromium on Linux")
                .contains("curl -fsSL http://10.0.0.5:8080/install/nss -o inkan-install-ca-nss.sh && echo '" + nssSha
                        + "  inkan-install-ca-nss.sh' | sha256sum -c - && sh inkan-install-ca-nss.sh\n")
                .contains("iwr -UseBasicParsing http://10.0.0.5:8080/install/windows -OutFile inkan-install-ca-windows.ps1;")
                .contains("(Get-FileHash inkan-install-ca-windows.ps1 -Algorithm SHA256).Hash -eq '" + windowsSha.toUpperCase(java.util.Locale.ROOT) + "'");
        assertThat(RootOfTrust.fromPem(constrained.pem())).isEqualTo(constrained);
    }

    @Test
    void everyShellHelperPassesShellcheckWhateverTheCaIsCalled() throws Exception {
        List<String> command = new ArrayList<>(List.of("shellcheck", "--shell=sh", "--severity=style"));
        for (RootOfTrust ca : List.of(hostile, constrained)) {
            Path sub = Files.createDirectories(dir.resolve(ca.id()));
            for (TrustPlatform platform : TrustPlatform.values()) {
                if (!platform.isPowerShell()) {
                    command.add(Files.writeString(sub.resolve(platform.fileName()), INSTALLERS.render(platform, ca, null)).toString());
                }
            }
        }
        var result = Processes.run(command);
        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(command).hasSize(3 + 2 * (TrustPlatform.values().length - 1));
    }

    @Test
    void scriptPrintsTheFingerprintAndRefusesAnEmbeddedCertificateThatDoesNotMatchIt() throws Exception {
        Path script = write(TrustPlatform.NSS, hostile);
        String original = Files.readString(script);
        assertThat(original).contains("INKAN_CA_SHA256='" + hostile.sha256() + "'").contains(hostile.pem().strip());

        Path home = Files.createDirectories(dir.resolve("home"));
        var mismatch = sh(script, Map.of("HOME", home.toString(), "INKAN_EXPECTED_SHA256", constrained.sha256Colons()));
        assertThat(mismatch.exitCode()).isEqualTo(1);
        assertThat(mismatch.stderr()).contains("not the " + constrained.sha256Colons() + " you expected; do not trust it");

        String[] lines = hostile.pem().split("\n");
        String altered = original.replace(lines[3], lines[3].substring(0, 10) + (lines[3].charAt(10) == 'A' ? 'B' : 'A') + lines[3].substring(11));
        Path tampered = Files.writeString(dir.resolve("tampered.sh"), altered);
        var refused = sh(tampered, Map.of("HOME", home.toString()));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("does not match its fingerprint " + hostile.sha256Colons());
        assertThat(home.resolve(".pki")).doesNotExist();

        var accepted = sh(script, Map.of("HOME", home.toString(), "INKAN_EXPECTED_SHA256", hostile.sha256().toUpperCase()));
        assertThat(accepted.ok()).as(accepted.output()).isTrue();
        assertThat(accepted.stdout()).contains("inkan: SHA-256 fingerprint: " + hostile.sha256Colons())
                .contains("inkan: CA: " + HOSTILE_NAME).contains("WARNING: this CA is unconstrained");
        assertThat(Path.of("/tmp/inkan-pwned")).doesNotExist();
    }

    @Test
    void nssHelperIsIdempotentAndItsUninstallRemovesTheCaFromEveryProfile() throws Exception {
        Path script = write(TrustPlatform.NSS, constrained);
        Path home = Files.createDirectories(dir.resolve("home"));
        Path firefox = Files.createDirectories(home.resolve(".mozilla/firefox/abcd1234.default-release"));
        var init = Processes.run(List.of("certutil", "-N", "-d", "sql:" + firefox, "--empty-password"));
        assertThat(init.ok()).as(init.output()).isTrue();
        Map<String, String> env = Map.of("HOME", home.toString());

        var first = sh(script, env);
        assertThat(first.ok()).as(first.output()).isTrue();
        assertThat(first.stdout()).contains("This CA can sign only for: corp.test and names below it, lab.example and names below it.")
                .contains("Excluded: every IPv4 address, every IPv6 address.").contains("trusted in 2 NSS database(s)");
        var second = sh(script, env);
        assertThat(second.stdout()).contains("already in sql:" + firefox).contains("already in sql:" + home + "/.pki/nssdb");
        var listed = Processes.run(List.of("certutil", "-L", "-d", "sql:" + firefox));
        assertThat(listed.stdout()).containsOnlyOnce(constrained.label()).contains("C,,");

        assertThat(sh(script, env, "status").exitCode()).isZero();
        var uninstall = sh(script, env, "uninstall");
        assertThat(uninstall.ok()).as(uninstall.output()).isTrue();
        assertThat(uninstall.stdout()).contains("removed from sql:" + firefox);
        assertThat(Processes.run(List.of("certutil", "-L", "-d", "sql:" + firefox)).stdout()).doesNotContain(constrained.label());
        assertThat(sh(script, env, "status").exitCode()).isEqualTo(3);
        assertThat(sh(script, Map.of("HOME", home.toString(), "SUDO_USER", "alice")).stderr())
                .contains("belongs to your user, not to root; run this without sudo");
    }

    @Test
    void systemHelpersRefuseWithoutRootOrWithoutTheirToolAndSayWhatToDo() throws Exception {
        Path debian = write(TrustPlatform.DEBIAN, constrained);
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        var asNobody = Processes.run(List.of("runuser", "-u", "nobody", "--", "sh", debian.toString()));
        assertThat(asNobody.exitCode()).isEqualTo(1);
        assertThat(asNobody.stderr()).contains("changing the system trust store needs root; run it with sudo: sudo sh " + debian + " install");

        var fedora = sh(write(TrustPlatform.FEDORA, constrained), Map.of());
        assertThat(fedora.exitCode()).isEqualTo(1);
        assertThat(fedora.stderr()).contains("update-ca-trust is not installed; install it with: dnf install ca-certificates");

        var docker = sh(write(TrustPlatform.DOCKER, constrained), Map.of());
        assertThat(docker.exitCode()).isEqualTo(1);
        assertThat(docker.stderr()).contains("name the registry");

        var linux = sh(write(TrustPlatform.LINUX, constrained), Map.of(), "status");
        assertThat(linux.stdout()).contains("system trust store: debian");
        var unknown = sh(debian, Map.of(), "frobnicate");
        assertThat(unknown.stderr()).contains("unknown action 'frobnicate'; use install, uninstall or status");
    }

    @Test
    void dockerHelperWritesTheRegistrysCaForDockerAndPodmanAndRemovesIt() throws Exception {
        Path script = write(TrustPlatform.DOCKER, constrained);
        String registry = "127.0.0.1:" + (40000 + (int) (ProcessHandle.current().pid() % 20000));
        Path docker = Path.of("/etc/docker/certs.d", registry, "ca.crt");
        try {
            var install = sh(script, Map.of(), "install", registry);
            assertThat(install.ok()).as(install.output()).isTrue();
            assertThat(Pem.readCertificates("ca.crt", Files.readString(docker))).containsExactly(constrained.certificate());
            if (Files.isDirectory(Path.of("/etc/containers"))) {
                assertThat(Path.of("/etc/containers/certs.d", registry, "ca.crt")).hasContent(constrained.pem().strip());
            }
            assertThat(sh(script, Map.of(), "install", registry).stdout()).contains("already in " + docker);
        } finally {
            var uninstall = sh(script, Map.of(), "uninstall", registry);
            assertThat(uninstall.ok()).as(uninstall.output()).isTrue();
        }
        assertThat(docker.getParent()).doesNotExist();
        assertThat(sh(script, Map.of(), "status", registry).exitCode()).isEqualTo(3);
    }

    @Test
    void windowsHelperImportsIntoTheChosenRootStoreByThumbprintAfterCheckingTheFingerprint() throws Exception {
        String script = INSTALLERS.render(TrustPlatform.WINDOWS, hostile, "http://127.0.0.1:8080");
        String thumbprint = hostile.sha1().toUpperCase();
        assertThat(script)
                .contains("[ValidateSet('CurrentUser', 'LocalMachine')] [string] $Store = 'CurrentUser'")
                .contains("$CaSha256 = '" + hostile.sha256() + "'")
                .contains("$CaThumbprint = '" + thumbprint + "'")
                .contains("$CaName = 'Evil $(touch /tmp/inkan-pwned) `id` ''quoted'' \\ Root'")
                .contains("$CaPem = @'\n" + hostile.pem().strip() + "\n'@")
                .contains("[System.Security.Cryptography.SHA256]::Create()")
                .contains("if ($Actual -ne $CaSha256) {")
                .contains("Import-Certificate -FilePath $File -CertStoreLocation \"Cert:\\$Store\\Root\"")
                .contains("& certutil.exe -addstore -f Root $File")
                .contains("& certutil.exe -user -addstore -f Root $File")
                .contains("& certutil.exe -delstore Root $CaThumbprint")
                .contains("Remove-Item -Path $StorePath")
                .contains("$StorePath = \"Cert:\\$Store\\Root\\$CaThumbprint\"")
                .contains("IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)")
                .contains("WARNING: this CA is unconstrained")
                .contains("iwr -UseBasicParsing http://127.0.0.1:8080/install/windows")
                .doesNotContain("{{");
        byte[] file = INSTALLERS.all(hostile, null).stream().filter(f -> f.name().equals("install-ca-windows.ps1")).findFirst()
                .orElseThrow().content();
        assertThat(java.util.Arrays.copyOf(file, 3)).as("UTF-8 byte order mark for Windows PowerShell 5.1")
                .isEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        assertThat(thumbprint).isEqualTo(java.util.HexFormat.of().withUpperCase().formatHex(
                java.security.MessageDigest.getInstance("SHA-1").digest(hostile.certificate().getEncoded())));
    }

    @Test
    void macosHelperAddsATrustedRootToTheSystemKeychainAndDeletesItBySha1() throws Exception {
        Path script = write(TrustPlatform.MACOS, constrained);
        assertThat(Files.readString(script))
                .contains("macos_keychain=/Library/Keychains/System.keychain")
                .contains("security add-trusted-cert -d -r trustRoot -k \"$macos_keychain\" \"$inkan_tmp\"")
                .contains("security remove-trusted-cert -d \"$inkan_tmp\"")
                .contains("security delete-certificate -Z \"$INKAN_CA_SHA1\" \"$macos_keychain\"")
                .contains("security find-certificate -a -Z \"$macos_keychain\"")
                .contains("INKAN_CA_SHA1='" + constrained.sha1() + "'")
                .contains("INKAN_CA_SHA256='" + constrained.sha256() + "'")
                .contains("This CA can sign only for: corp.test and names below it");
        // On Linux there is no /usr/bin/security: the script says it is for macOS instead of failing obscurely.
        var run = sh(script, Map.of());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains("SHA-256 fingerprint: " + constrained.sha256Colons());
        assertThat(run.stderr()).contains("security is not installed; this script is for macOS");
    }

    /**
     * The one-liner as a user pastes it, run by sh with curl and sudo stubbed: curl "downloads" the given
     * file, sudo only records what it was asked to run. Returns the result and what sudo recorded.
     */
    private Processes.Result pasteOneLiner(String command, String served, Path work) throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Files.writeString(work.resolve("served"), served);
        Path curl = Files.writeString(bin.resolve("curl"), "#!/bin/sh\nout=\n"
                + "while [ $# -gt 0 ]; do case \"$1\" in -o) out=\"$2\"; shift 2 ;; *) shift ;; esac; done\n"
                + "cp \"$SERVED\" \"$out\"\n");
        Path sudo = Files.writeString(bin.resolve("sudo"), "#!/bin/sh\necho \"$*\" >> \"$RAN\"\n");
        for (Path stub : List.of(curl, sudo)) {
            stub.toFile().setExecutable(true);
        }
        return Processes.run(List.of("sh", "-c", command), work, Map.of("PATH", bin + ":" + System.getenv("PATH"),
                "SERVED", work.resolve("served").toString(), "RAN", work.resolve("ran").toString()), Duration.ofSeconds(30));
    }

    @Test
    void pinnedOneLinerRunsTheServedScriptOnlyWhenItIsTheOnePinned() throws Exception {
        String base = "http://127.0.0.1:8080";
        String command = INSTALLERS.command(TrustPlatform.LINUX, constrained, base);
        String genuine = INSTALLERS.render(TrustPlatform.LINUX, constrained, base);

        Path good = Files.createDirectories(dir.resolve("pin-good"));
        var accepted = pasteOneLiner(command, genuine, good);
        assertThat(accepted.exitCode()).as(accepted.output()).isZero();
        assertThat(Files.readString(good.resolve("ran"))).isEqualTo("sh inkan-install-ca-linux.sh\n");
        assertThat(Files.readString(good.resolve("inkan-install-ca-linux.sh"))).isEqualTo(genuine);

        // A script changed on the way (one command added), and a script carrying another CA (its own
        // fingerprint check then passes): both refused before sudo runs anything.
        String[] tampered = {genuine.replaceFirst("\n", "\ntouch /tmp/pwned-by-inkan-test\n"),
            INSTALLERS.render(TrustPlatform.LINUX, hostile, base)};
        for (int i = 0; i < tampered.length; i++) {
            Path bad = Files.createDirectories(dir.resolve("pin-bad-" + i));
            var refused = pasteOneLiner(command, tampered[i], bad);
            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
            assertThat(refused.output()).contains("FAILED");
            assertThat(bad.resolve("ran")).doesNotExist();
        }
    }
}
