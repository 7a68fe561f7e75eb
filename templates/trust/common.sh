# ---- Inkan: the CA this script installs -------------------------------------------------------
# {{label}}
# SHA-256 fingerprint: {{sha256Colons}}
# {{constraints}}
set -eu
# shellcheck disable=SC2016 # the CA's name is literal text, never expanded
INKAN_CA_NAME='{{name}}'
# shellcheck disable=SC2016 # the CA's name is literal text, never expanded
INKAN_CA_LABEL='{{label}}'
INKAN_CA_ID='{{id}}'
INKAN_CA_SHA256='{{sha256}}'
INKAN_CA_SHA256_COLONS='{{sha256Colons}}'
INKAN_CA_SHA1='{{sha1}}'
# shellcheck disable=SC2016 # the CA's name is literal text, never expanded
INKAN_CA_CONSTRAINTS='{{constraints}}'
INKAN_CA_PEM='{{pem}}'
INKAN_ACTION="${1:-install}"
: "$INKAN_CA_ID" "$INKAN_CA_SHA1"   # the same header in every script; not every platform uses both

# How to run this script again with the same action, for messages: by its file name, or through
# the curl pipe it came from ($0 is then the shell). $1: what goes before "sh" (e.g. "sudo ").
inkan_again() {
  case "$0" in
    sh|-sh|*/sh|bash|-bash|*/bash|dash|*/dash) printf 'curl -fsSL %s | %ssh -s %s' '{{baseUrl}}/install/{{platform}}' "${1:-}" "$INKAN_ACTION" ;;
    *) printf '%ssh %s %s' "${1:-}" "$0" "$INKAN_ACTION" ;;
  esac
}

inkan_say() { printf 'inkan: %s\n' "$*"; }
inkan_die() { printf 'inkan: error: %s\n' "$*" >&2; exit 1; }

case "$INKAN_ACTION" in
  install|uninstall|status) ;;
  -h|--help|help) printf 'usage: %s [install|uninstall|status]\n' "$0"; exit 0 ;;
  *) inkan_die "unknown action '$INKAN_ACTION'; use install, uninstall or status" ;;
esac

# Hashes stdin with whatever the system has: coreutils/busybox sha256sum, macOS shasum, or openssl.
inkan_sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum | cut -d ' ' -f 1
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 | cut -d ' ' -f 1
  elif command -v openssl >/dev/null 2>&1; then openssl dgst -sha256 -r | cut -d ' ' -f 1
  else inkan_die "no sha256sum, shasum or openssl found to check the CA's fingerprint; install coreutils"
  fi
}

# The DER bytes of the embedded certificate (the base64 between the PEM armour lines).
inkan_der() {
  if printf 'QQ==' | base64 -d >/dev/null 2>&1; then
    printf '%s\n' "$INKAN_CA_PEM" | sed '/^-----/d' | base64 -d
  else
    printf '%s\n' "$INKAN_CA_PEM" | sed '/^-----/d' | base64 -D
  fi
}

# Refuses to go on unless the embedded PEM hashes to the embedded fingerprint and, when the user
# gave one out of band (INKAN_EXPECTED_SHA256, e.g. copied from the Inkan page), to that one too.
inkan_check_fingerprint() {
  inkan_actual=$(inkan_der | inkan_sha256)
  if [ "$inkan_actual" != "$INKAN_CA_SHA256" ]; then
    inkan_die "the embedded CA certificate does not match its fingerprint $INKAN_CA_SHA256_COLONS (got $inkan_actual); the script was altered: download it again from Inkan"
  fi
  if [ -n "${INKAN_EXPECTED_SHA256:-}" ]; then
    inkan_expected=$(printf '%s' "$INKAN_EXPECTED_SHA256" | tr -d ': ' | tr 'ABCDEF' 'abcdef')
    if [ "$inkan_expected" != "$INKAN_CA_SHA256" ]; then
      inkan_die "this script's CA has fingerprint $INKAN_CA_SHA256_COLONS, not the $INKAN_EXPECTED_SHA256 you expected; do not trust it"
    fi
  fi
  inkan_say "CA: $INKAN_CA_NAME"
  inkan_say "SHA-256 fingerprint: $INKAN_CA_SHA256_COLONS"
  inkan_say "$INKAN_CA_CONSTRAINTS"
}

inkan_require_root() {
  if [ "$(id -u)" != 0 ]; then
    inkan_die "changing $1 needs root; run it with sudo: $(inkan_again 'sudo ')"
  fi
}

# For the stores that belong to one user (browsers, shell profile): sudo would change root's instead.
inkan_refuse_sudo() {
  if [ "$(id -u)" = 0 ] && [ -n "${SUDO_USER:-}" ] && [ -z "${INKAN_ALLOW_ROOT:-}" ]; then
    inkan_die "$1 belongs to your user, not to root; run this without sudo (or set INKAN_ALLOW_ROOT=1 to change root's own)"
  fi
}

inkan_require_tool() {
  command -v "$1" >/dev/null 2>&1 || inkan_die "$1 is not installed; $2"
}

# Writes the embedded PEM to $1 (mode 0644).
inkan_write_pem() {
  ( umask 022 && printf '%s\n' "$INKAN_CA_PEM" > "$1" )
}

# True when $1 holds exactly the embedded PEM.
inkan_same_pem() {
  [ -f "$1" ] && [ "$(cat "$1")" = "$INKAN_CA_PEM" ]
}

inkan_tmp_pem() {
  inkan_tmp=$(mktemp "${TMPDIR:-/tmp}/inkan-ca.XXXXXX")
  trap 'rm -f "$inkan_tmp"' EXIT
  inkan_write_pem "$inkan_tmp"
}

# Runs <prefix>_install / _uninstall / _status for the chosen action.
inkan_main() {
  case "$INKAN_ACTION" in
    install) inkan_check_fingerprint; "$1_install" ;;
    uninstall) inkan_say "removing $INKAN_CA_LABEL ($INKAN_CA_SHA256_COLONS)"; "$1_uninstall" ;;
    status) "$1_status" ;;
  esac
}
# ---- end of the common part --------------------------------------------------------------------
