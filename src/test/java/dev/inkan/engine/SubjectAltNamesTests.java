package dev.inkan.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How names from users become subjectAltName entries (RFC 5280 §4.2.1.6, CA/B Forum BR §3.2.2.6). */
class SubjectAltNamesTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "LocalHost, DNS:localhost",
            "app.test., DNS:app.test",
            "*.App.Test, DNS:*.app.test",
            "bücher.test, DNS:xn--bcher-kva.test",
            "例え.テスト, DNS:xn--r8jz45g.xn--zckzah",
            "127.0.0.1, IP Address:127.0.0.1",
            "[::1], IP Address:::1",
            "2001:DB8:0:0:0:0:0:1, IP Address:2001:db8::1",
            "jane@Example.Test, email:jane@example.test",
            "spiffe://cluster.local/ns/default/sa/web, URI:spiffe://cluster.local/ns/default/sa/web",
            "_sip._tcp.app.test, DNS:_sip._tcp.app.test"})
    void namesAreNormalisedToTheirCanonicalSanForm(String input, String expected) {
        assertThat(SubjectAltNames.builder().add(Input.named("names"), input).build().toString()).isEqualTo(expected);
    }

    @Test
    void duplicatesAreDroppedAndTheFirstOrderIsKept() {
        SubjectAltNames names = SubjectAltNames.builder().dns(Input.named("dns"), "localhost").dns(Input.named("dns"), "LOCALHOST.")
                .ip(Input.named("ip"), "127.0.0.1").dns(Input.named("dns"), "127.0.0.1").dns(Input.named("dns"), "a.test").build();
        assertThat(names.toString()).isEqualTo("DNS:localhost, IP Address:127.0.0.1, DNS:a.test");
    }

    @Test
    void anIpAddressGivenAsADnsNameIsFiledAsAnIpAddress() {
        assertThat(SubjectAltNames.builder().dns(Input.named("dns"), "10.1.2.3").build().names())
                .containsExactly(new SubjectAltNames.Name(SubjectAltNames.Kind.IP, "10.1.2.3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.*.test", "*a.test", "foo*.test", "-start.test", "end-.test", "two words.test", "a..test",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.test", "1.2.3", "999.1.1.1", "fe80::1%eth0", "pаypal.test", "not a uri://x", "."})
    void malformedNamesAreRefusedNamingTheField(String input) {
        assertThatThrownBy(() -> SubjectAltNames.builder().add(Input.named("SSL_DNS"), input))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((RequestRejectedException) e).field(Field::name)).isEqualTo("SSL_DNS"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.com", "*.co.uk", "*.test.", "*.github.io"})
    void wildcardsOverAPublicSuffixAreRefusedByPolicy(String input) {
        assertThatThrownBy(() -> SubjectAltNames.builder().dns(Input.named("SSL_DNS"), input))
                .isInstanceOf(PolicyViolationException.class).hasMessageContaining("public suffix");
    }

    @Test
    void anIpLiteralIsNotAcceptedAsAWildcardBaseNorAsAnIpWhenMalformed() {
        assertThatThrownBy(() -> SubjectAltNames.builder().ip(Input.named("SSL_IP"), "localhost"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("127.0.0.1");
    }

    @Test
    void moreThanTheMaximumNumberOfNamesIsRefused() {
        SubjectAltNames.Builder builder = SubjectAltNames.builder();
        for (int i = 0; i < SubjectAltNames.MAX_NAMES; i++) {
            builder.dns(Input.named("dns"), "host" + i + ".test");
        }
        assertThatThrownBy(() -> builder.dns(Input.named("dns"), "one-too-many.test")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("too many names");
    }

    @Test
    void encodedNamesDecodeBackToTheSameList() {
        SubjectAltNames names = SubjectAltNames.builder().dns(Input.named("d"), "a.test").ip(Input.named("i"), "::1").add(Input.named("e"), "jane@a.test").build();
        assertThat(SubjectAltNames.decode(names.toGeneralNames())).isEqualTo(names.names());
    }

    @Test
    void aServerCommonNameMustBeAHostNameButAClientsMayBeFreeText() {
        assertThatThrownBy(() -> SubjectAltNames.nameOfCommonName(Input.named("SSL_SUBJECT"), "Jane Doe", true))
                .isInstanceOf(InvalidInputException.class);
        assertThat(SubjectAltNames.nameOfCommonName(Input.named("SSL_SUBJECT"), "Jane Doe", false)).isEmpty();
        assertThat(SubjectAltNames.nameOfCommonName(Input.named("SSL_SUBJECT"), "App.Test", true).map(Object::toString))
                .contains("DNS:app.test");
    }
}
