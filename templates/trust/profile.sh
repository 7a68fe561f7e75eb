# ---- Environment variables in the user's shell profile -----------------------------------------
profile_dir="${XDG_DATA_HOME:-$HOME/.local/share}/inkan"
profile_file="${INKAN_PROFILE:-$HOME/.profile}"
profile_begin="# >>> inkan {{platform}} $INKAN_CA_ID >>>"
profile_end="# <<< inkan {{platform}} $INKAN_CA_ID <<<"

profile_remove_block() {
  if [ -f "$profile_file" ] && grep -F -q -x "$profile_begin" "$profile_file"; then
    profile_tmp=$(mktemp "${TMPDIR:-/tmp}/inkan-profile.XXXXXX")
    sed "/^$profile_begin\$/,/^$profile_end\$/d" "$profile_file" > "$profile_tmp"
    cat "$profile_tmp" > "$profile_file"
    rm -f "$profile_tmp"
    return 0
  fi
  return 1
}

# $1: the export lines. Replaces an earlier block of this CA, so a second run changes nothing.
profile_add_block() {
  profile_remove_block || true
  printf '%s\n%s\n%s\n' "$profile_begin" "$1" "$profile_end" >> "$profile_file"
  inkan_say "added to $profile_file:"
  printf '%s\n' "$1"
  inkan_say "open a new shell, or run: . $profile_file"
}

# The system's bundle of public CAs, which REQUESTS_CA_BUNDLE / SSL_CERT_FILE / CURL_CA_BUNDLE
# replace rather than extend: the combined file keeps every public site working.
profile_base_bundle() {
  for bundle in /etc/ssl/certs/ca-certificates.crt /etc/pki/tls/certs/ca-bundle.crt /etc/ssl/ca-bundle.pem /etc/ssl/cert.pem; do
    if [ -s "$bundle" ]; then echo "$bundle"; return 0; fi
  done
  if command -v python3 >/dev/null 2>&1 && python3 -c 'import certifi' >/dev/null 2>&1; then
    python3 -c 'import certifi; print(certifi.where())'
    return 0
  fi
  inkan_die "no bundle of public CAs found (/etc/ssl/certs/ca-certificates.crt, /etc/pki/tls/certs/ca-bundle.crt, /etc/ssl/cert.pem); install your system's ca-certificates package"
}

profile_write_ca() {
  mkdir -p "$profile_dir"
  inkan_write_pem "$profile_dir/$INKAN_CA_ID.pem"
}

profile_write_combined() {
  profile_base=$(profile_base_bundle)
  mkdir -p "$profile_dir"
  ( umask 022 && { cat "$profile_base"; echo; printf '%s\n' "$INKAN_CA_PEM"; } > "$profile_dir/$INKAN_CA_ID-bundle.pem" )
  inkan_say "wrote $profile_dir/$INKAN_CA_ID-bundle.pem ($profile_base plus this CA)"
}

profile_uninstall() {
  inkan_refuse_sudo "your shell profile"
  if profile_remove_block; then inkan_say "removed the inkan block from $profile_file"; else inkan_say "no inkan block in $profile_file"; fi
  rm -f "$profile_dir/$INKAN_CA_ID.pem" "$profile_dir/$INKAN_CA_ID-bundle.pem"
  rmdir "$profile_dir" 2>/dev/null || true
  inkan_say "open a new shell for the change to take effect"
}

profile_status() {
  if [ -f "$profile_file" ] && grep -F -q -x "$profile_begin" "$profile_file"; then
    inkan_say "installed in $profile_file"
  else
    inkan_say "not installed"; return 3
  fi
}
# ---- end of the shell profile part --------------------------------------------------------------
