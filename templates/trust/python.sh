#!/bin/sh
# Makes Python trust an Inkan CA for your user: requests (REQUESTS_CA_BUNDLE) and the ssl module
# (SSL_CERT_FILE) read a bundle of the system's public CAs plus this one, set in your shell
# profile ($HOME/.profile, or $INKAN_PROFILE).
#   sh {{fileName}} [install|uninstall|status]
#   curl -fsSL {{baseUrl}}/install/python | sh                (uninstall: ... | sh -s uninstall)
{{common}}
{{profile}}

python_install() {
  inkan_refuse_sudo "your shell profile"
  profile_write_combined
  profile_add_block "export REQUESTS_CA_BUNDLE=\"$profile_dir/$INKAN_CA_ID-bundle.pem\"
export SSL_CERT_FILE=\"$profile_dir/$INKAN_CA_ID-bundle.pem\""
}
python_uninstall() { profile_uninstall; }
python_status() { profile_status; }

inkan_main python
