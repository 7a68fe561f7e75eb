# ---- System trust stores of Linux distributions -------------------------------------------------

# Debian, Ubuntu: a .crt under /usr/local/share/ca-certificates, then update-ca-certificates
# (which rebuilds /etc/ssl/certs/ca-certificates.crt and drops the links of removed files).
debian_file="/usr/local/share/ca-certificates/$INKAN_CA_ID.crt"
debian_install() {
  inkan_require_root "the system trust store"
  inkan_require_tool update-ca-certificates "install it with: apt-get install ca-certificates"
  if inkan_same_pem "$debian_file"; then
    inkan_say "already in $debian_file"
  else
    mkdir -p /usr/local/share/ca-certificates
    inkan_write_pem "$debian_file"
  fi
  update-ca-certificates >/dev/null
  inkan_say "installed in the system store ($debian_file); curl, wget, Python's ssl, Go and Node's system CA read it"
}
debian_uninstall() {
  inkan_require_root "the system trust store"
  inkan_require_tool update-ca-certificates "install it with: apt-get install ca-certificates"
  if [ -f "$debian_file" ]; then
    rm -f "$debian_file"
    # update-ca-certificates leaves the link to a removed file behind (and openssl rehash its hash link).
    for debian_link in /etc/ssl/certs/*; do
      case "$(readlink "$debian_link" 2>/dev/null || true)" in
        "$INKAN_CA_ID.pem"|"$debian_file") rm -f "$debian_link" ;;
      esac
    done
    update-ca-certificates >/dev/null
    # update-ca-certificates reports to its hooks only the removals it made itself (those listed
    # with '!' in /etc/ca-certificates.conf); tell them of this one as it would, or Java's cacerts
    # (ca-certificates-java) keeps the CA.
    for debian_hook in /etc/ca-certificates/update.d/*; do
      if [ -x "$debian_hook" ]; then
        printf '%s\n' "-/etc/ssl/certs/$INKAN_CA_ID.pem" | "$debian_hook" >/dev/null 2>&1 || inkan_say "warning: $debian_hook failed"
      fi
    done
    inkan_say "removed $debian_file from the system store"
  else
    inkan_say "not installed ($debian_file absent); nothing to do"
  fi
}
debian_status() {
  if inkan_same_pem "$debian_file"; then inkan_say "installed: $debian_file"; else inkan_say "not installed"; return 3; fi
}

# Alpine: the same layout; its update-ca-certificates comes with the ca-certificates package.
alpine_install() {
  inkan_require_tool update-ca-certificates "install it with: apk add ca-certificates"
  debian_install
}
alpine_uninstall() {
  inkan_require_tool update-ca-certificates "install it with: apk add ca-certificates"
  debian_uninstall
}
alpine_status() { debian_status; }

# Fedora, RHEL, CentOS, Rocky, Alma, Amazon Linux: p11-kit anchors, then update-ca-trust extract.
fedora_file="/etc/pki/ca-trust/source/anchors/$INKAN_CA_ID.pem"
fedora_install() {
  inkan_require_root "the system trust store"
  inkan_require_tool update-ca-trust "install it with: dnf install ca-certificates"
  if inkan_same_pem "$fedora_file"; then
    inkan_say "already in $fedora_file"
  else
    mkdir -p /etc/pki/ca-trust/source/anchors
    inkan_write_pem "$fedora_file"
  fi
  update-ca-trust extract
  inkan_say "installed in the system store ($fedora_file)"
}
fedora_uninstall() {
  inkan_require_root "the system trust store"
  inkan_require_tool update-ca-trust "install it with: dnf install ca-certificates"
  if [ -f "$fedora_file" ]; then
    rm -f "$fedora_file"
    update-ca-trust extract
    inkan_say "removed $fedora_file from the system store"
  else
    inkan_say "not installed ($fedora_file absent); nothing to do"
  fi
}
fedora_status() {
  if inkan_same_pem "$fedora_file"; then inkan_say "installed: $fedora_file"; else inkan_say "not installed"; return 3; fi
}

# Arch, Manjaro: p11-kit's trust anchor, which stores under /etc/ca-certificates/trust-source and
# re-extracts the bundles. Removing first makes a second install a no-op rather than a duplicate.
arch_install() {
  inkan_require_root "the system trust store"
  inkan_require_tool trust "install it with: pacman -S p11-kit"
  inkan_tmp_pem
  trust anchor --remove "$inkan_tmp" >/dev/null 2>&1 || true
  trust anchor --store "$inkan_tmp"
  inkan_say "installed in the system store (trust anchor --store)"
}
arch_uninstall() {
  inkan_require_root "the system trust store"
  inkan_require_tool trust "install it with: pacman -S p11-kit"
  inkan_tmp_pem
  if trust anchor --remove "$inkan_tmp" >/dev/null 2>&1; then
    inkan_say "removed from the system store (trust anchor --remove)"
  else
    inkan_say "not installed; nothing to do"
  fi
}
arch_status() {
  inkan_require_tool trust "install it with: pacman -S p11-kit"
  if trust list --filter=ca-anchors | grep -F -q "label: $INKAN_CA_NAME"; then
    inkan_say "installed (a CA anchor labelled $INKAN_CA_NAME)"
  else
    inkan_say "not installed"; return 3
  fi
}
# ---- end of the system trust stores -----------------------------------------------------------
