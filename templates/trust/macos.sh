#!/bin/sh
# Installs (or with "uninstall", removes) an Inkan CA in the macOS System keychain as a trusted
# root, for Safari, Chrome, curl and every app that uses the system's trust settings.
#   sudo sh {{fileName}} [install|uninstall|status]
#   curl -fsSL {{baseUrl}}/install/macos | sudo sh          (uninstall: ... | sudo sh -s uninstall)
# Firefox uses this store too when security.enterprise_roots.enabled is true (the default since Firefox 120).
{{common}}

macos_keychain=/Library/Keychains/System.keychain

macos_present() {
  security find-certificate -a -Z "$macos_keychain" 2>/dev/null | grep -i -q "SHA-1 hash: $INKAN_CA_SHA1"
}

macos_install() {
  inkan_require_root "the System keychain"
  inkan_require_tool security "this script is for macOS, whose /usr/bin/security manages keychains"
  if macos_present; then
    inkan_say "already in $macos_keychain"
    return 0
  fi
  inkan_tmp_pem
  security add-trusted-cert -d -r trustRoot -k "$macos_keychain" "$inkan_tmp"
  inkan_say "installed in $macos_keychain as a trusted root; restart your browser"
}

macos_uninstall() {
  inkan_require_root "the System keychain"
  inkan_require_tool security "this script is for macOS, whose /usr/bin/security manages keychains"
  if ! macos_present; then
    inkan_say "not installed; nothing to do"
    return 0
  fi
  inkan_tmp_pem
  security remove-trusted-cert -d "$inkan_tmp" || true
  security delete-certificate -Z "$INKAN_CA_SHA1" "$macos_keychain"
  inkan_say "removed from $macos_keychain"
}

macos_status() {
  if macos_present; then inkan_say "installed in $macos_keychain"; else inkan_say "not installed"; return 3; fi
}

inkan_main macos
