#!/bin/sh
# Installs (or with "uninstall", removes) an Inkan CA in every NSS database of the current user:
# Chromium and Chrome on Linux ($HOME/.pki/nssdb, created when absent), every Firefox profile
# (~/.mozilla/firefox/*, the snap's and the flatpak's). Run it as yourself, without sudo.
#   sh {{fileName}} [install|uninstall|status]
#   curl -fsSL {{baseUrl}}/install/nss | sh                   (uninstall: ... | sh -s uninstall)
# Restart the browser afterwards. Needs certutil: apt-get install libnss3-tools / dnf install nss-tools / pacman -S nss
{{common}}

nss_tool_hint="install it with: apt-get install libnss3-tools (Debian/Ubuntu), dnf install nss-tools (Fedora/RHEL), pacman -S nss (Arch), apk add nss-tools (Alpine)"

# Calls "$1 DB" for every NSS database of this user (sql: for cert9.db, dbm: for the legacy cert8.db).
nss_each_db() {
  for nss_dir in "$HOME/.pki/nssdb" "$HOME/snap/chromium/current/.pki/nssdb" "$HOME/.var/app/org.chromium.Chromium/.pki/nssdb" \
      "$HOME"/.mozilla/firefox/*/ "$HOME"/snap/firefox/common/.mozilla/firefox/*/ \
      "$HOME"/.var/app/org.mozilla.firefox/.mozilla/firefox/*/; do
    nss_dir=${nss_dir%/}
    if [ -f "$nss_dir/cert9.db" ]; then "$1" "sql:$nss_dir"
    elif [ -f "$nss_dir/cert8.db" ]; then "$1" "dbm:$nss_dir"
    fi
  done
}

nss_add() {
  if certutil -L -d "$1" -n "$INKAN_CA_LABEL" >/dev/null 2>&1; then
    inkan_say "already in $1"
  else
    certutil -A -d "$1" -t C,, -n "$INKAN_CA_LABEL" -i "$inkan_tmp" || inkan_die "certutil could not add the CA to $1; close the browser and try again"
    inkan_say "added to $1"
  fi
  nss_count=$((nss_count + 1))
}

nss_delete() {
  nss_found=0
  while certutil -L -d "$1" -n "$INKAN_CA_LABEL" >/dev/null 2>&1; do
    certutil -D -d "$1" -n "$INKAN_CA_LABEL" || inkan_die "certutil could not remove the CA from $1; close the browser and try again"
    nss_found=1
  done
  if [ "$nss_found" = 1 ]; then inkan_say "removed from $1"; fi
}

nss_show() {
  if certutil -L -d "$1" -n "$INKAN_CA_LABEL" >/dev/null 2>&1; then inkan_say "installed in $1"; nss_count=$((nss_count + 1)); fi
}

nss_install() {
  inkan_refuse_sudo "the browsers' NSS databases"
  inkan_require_tool certutil "$nss_tool_hint"
  # Chromium reads $HOME/.pki/nssdb but does not create it before its first certificate import.
  if [ ! -f "$HOME/.pki/nssdb/cert9.db" ] && [ ! -f "$HOME/.pki/nssdb/cert8.db" ]; then
    mkdir -p "$HOME/.pki/nssdb"
    chmod 700 "$HOME/.pki" "$HOME/.pki/nssdb"
    certutil -N -d "sql:$HOME/.pki/nssdb" --empty-password
    inkan_say "created the NSS database $HOME/.pki/nssdb (Chromium, Chrome)"
  fi
  inkan_tmp_pem
  nss_count=0
  nss_each_db nss_add
  inkan_say "trusted in $nss_count NSS database(s) as \"$INKAN_CA_LABEL\"; restart Firefox/Chromium"
}

nss_uninstall() {
  inkan_refuse_sudo "the browsers' NSS databases"
  inkan_require_tool certutil "$nss_tool_hint"
  nss_each_db nss_delete
  inkan_say "done; restart Firefox/Chromium"
}

nss_status() {
  inkan_require_tool certutil "$nss_tool_hint"
  nss_count=0
  nss_each_db nss_show
  if [ "$nss_count" = 0 ]; then inkan_say "not installed in any NSS database"; return 3; fi
}

inkan_main nss
