package dev.inkan.export;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
class BundleExportScratchTests {
    @Test
    void scratch() {
        var b = TestBundles.localhost("Inkan Test O'Root", dev.inkan.engine.KeyType.EC_P256);
        var files = new BundleExport(TemplateRenderer.packaged()).files(b, BundleOptions.defaults("pw".toCharArray()));
        BundleArchive.write(Path.of("/tmp/scratch-bundle"), files);
        var c = TestBundles.constrained("Corp Root", java.util.List.of("corp.test"), "db.corp.test");
        BundleArchive.write(Path.of("/tmp/scratch-bundle2"), new BundleExport(TemplateRenderer.packaged()).files(c, BundleOptions.defaults("pw".toCharArray()).withInstallBaseUrl("http://127.0.0.1:8080")));
    }
}
