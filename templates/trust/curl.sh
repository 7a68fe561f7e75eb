#!/bin/sh
# Makes curl trust an Inkan CA for your user: CURL_CA_BUNDLE points at a bundle of the system's
# public CAs plus this one, set in your shell profile ($HOME/.profile, or $INKAN_PROFILE).
# (The system-wide alternative: the linux helper, {{baseUrl}}/install/linux.)
#   sh {{fileName}} [install|uninstall|status]
#   curl -fsSL {{baseUrl}}/install/curl | sh                  (uninstall: ... | sh -s uninstall)
{{common}}
{{profile}}

curl_install() {
  inkan_refuse_sudo "your shell profile"
  inkan_require_tool curl "install curl first"
  profile_write_combined
  profile_add_block "export CURL_CA_BUNDLE=\"$profile_dir/$INKAN_CA_ID-bundle.pem\""
}
curl_uninstall() { profile_uninstall; }
curl_status() { profile_status; }

inkan_main curl
