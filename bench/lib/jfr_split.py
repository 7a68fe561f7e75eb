#!/usr/bin/env python3
"""Where the request threads of a JFR recording spend their CPU samples (jdk.ExecutionSample):
a split by layer (HTTP, security, JSON, PEM, DB, key generation, certificate build/sign, ...) and the
hottest frames of Inkan's own code. Usage: jfr_split.py RECORDING [JFR_BINARY] [THREAD_SUBSTRING]."""
import collections
import re
import subprocess
import sys

# Specific layers: first match wins, tested against every frame of the stack.
LAYERS = [
    ("PEM encode/decode", r"^dev\.inkan\.engine\.Pem\."),
    ("CSR parse + verify", r"^dev\.inkan\.engine\.SigningRequest\."),
    ("key generation", r"^dev\.inkan\.engine\.KeyType\.generate"),
    ("certificate build + sign", r"^dev\.inkan\.engine\.CertificateIssuer\."),
    ("key sealing (AES-GCM)", r"^dev\.inkan\.authority\.MasterKey\."),
    ("database (JDBC, H2, transactions)", r"^(org\.h2\.|com\.zaxxer\.hikari|org\.springframework\.(jdbc|transaction)\.)"),
    ("request validation", r"^dev\.inkan\.(issuance\.(IssuanceRequest|CsrIssuanceRequest|CertificateQuery)|engine\.(LeafSpec|SubjectAltNames|KeyType\.parse))"),
    ("JSON (Jackson + Spring converters)", r"^(tools\.jackson|com\.fasterxml\.jackson|org\.springframework\.http\.converter)\."),
    ("metrics / observations (Micrometer)", r"^io\.micrometer\."),
    ("logging", r"^(ch\.qos\.logback|org\.slf4j|org\.apache\.logging|org\.apache\.commons\.logging)\."),
]
# The rest is charged to the innermost framework frame (closest to the leaf) that matches one of these.
INNERMOST = [
    ("Spring Security filters", r"^org\.springframework\.security\."),
    ("Spring MVC", r"^org\.springframework\.web\."),
    ("Tomcat (HTTP, sockets)", r"^(org\.apache\.(catalina|coyote|tomcat)|jakarta\.servlet|sun\.nio|java\.nio|sun\.net)"),
    ("Inkan (other)", r"^dev\.inkan\."),
]


def layer_of(frames):
    for name, rx in LAYERS:
        if any(re.match(rx, f) for f in frames):
            return name
    for f in frames:
        for name, rx in INNERMOST:
            if re.match(rx, f):
                return name
    return "other (JDK, class loading)"


def samples(path, jfr, thread):
    out = subprocess.run([jfr, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", path],
                         capture_output=True, text=True, check=True).stdout
    for block in out.split("jdk.ExecutionSample {")[1:]:
        t = re.search(r'sampledThread = "([^"]*)"', block)
        if thread and (not t or thread not in t.group(1)):
            continue
        m = re.search(r"stackTrace = \[\n(.*?)\n\s*\]", block, re.S)
        if m:
            frames = [re.sub(r"\s+line:.*", "", l.strip()) for l in m.group(1).splitlines()]
            yield [f for f in frames if f and f != "..."]


def main():
    path = sys.argv[1]
    jfr = sys.argv[2] if len(sys.argv) > 2 else "jfr"
    thread = sys.argv[3] if len(sys.argv) > 3 else "exec"
    layers, own, tops, n = collections.Counter(), collections.Counter(), collections.Counter(), 0
    for frames in samples(path, jfr, thread):
        n += 1
        layers[layer_of(frames)] += 1
        tops[frames[0]] += 1
        first_own = next((f for f in frames if f.startswith("dev.inkan") and ".doFilterInternal(" not in f), None)
        if first_own:
            own[first_own] += 1
    print(f"{n} CPU samples on threads matching '{thread}'\n")
    print("| layer (first match in the stack) | samples | share |\n|---|---:|---:|")
    for name, c in layers.most_common():
        print(f"| {name} | {c} | {c / max(n, 1):.0%} |")
    print("\nHottest Inkan frames (the innermost dev.inkan frame of each sample, servlet filters left out):\n")
    print("| frame | share |\n|---|---:|")
    for f, c in own.most_common(12):
        print(f"| `{f}` | {c / max(n, 1):.1%} |")
    print("\nHottest leaf frames:\n")
    print("| frame | share |\n|---|---:|")
    for f, c in tops.most_common(12):
        print(f"| `{f}` | {c / max(n, 1):.1%} |")


if __name__ == "__main__":
    main()
