#!/bin/sh
# Installs (or with "uninstall", removes) an Inkan CA in this Linux machine's system trust store,
# whichever the distribution: Debian/Ubuntu, Fedora/RHEL, Arch or Alpine.
#   curl -fsSL {{baseUrl}}/install/linux | sudo sh            (uninstall: ... | sudo sh -s uninstall)
#   sudo sh {{fileName}} [install|uninstall|status]
# Firefox and Chromium keep their own stores: then run, as yourself, {{baseUrl}}/install/nss
{{common}}
{{systemStores}}

# The distribution family from /etc/os-release (ID, then ID_LIKE), else from the tools present.
linux_family() {
  ids=""
  if [ -r /etc/os-release ]; then
    # shellcheck disable=SC1091
    ids=$(. /etc/os-release && printf '%s %s' "${ID:-}" "${ID_LIKE:-}")
  fi
  for id in $ids; do
    case "$id" in
      debian|ubuntu|linuxmint|pop|raspbian|kali) echo debian; return ;;
      fedora|rhel|centos|rocky|almalinux|ol|amzn) echo fedora; return ;;
      arch|manjaro|endeavouros) echo arch; return ;;
      alpine) echo alpine; return ;;
    esac
  done
  if command -v update-ca-trust >/dev/null 2>&1; then echo fedora
  elif command -v trust >/dev/null 2>&1 && [ -d /etc/ca-certificates/trust-source ]; then echo arch
  elif command -v update-ca-certificates >/dev/null 2>&1; then echo debian
  else inkan_die "cannot tell this Linux distribution's trust store (no update-ca-certificates, update-ca-trust or trust); install your distribution's ca-certificates package"
  fi
}

family=$(linux_family)
inkan_say "system trust store: $family"
inkan_main "$family"
if [ "$INKAN_ACTION" = install ]; then
  inkan_say "Firefox and Chromium use their own NSS databases; as your user (no sudo) run: curl -fsSL {{baseUrl}}/install/nss | sh"
fi
