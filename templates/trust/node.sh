#!/bin/sh
# Makes Node.js trust an Inkan CA for your user: NODE_EXTRA_CA_CERTS (which adds to Node's
# built-in roots) is set in your shell profile ($HOME/.profile, or $INKAN_PROFILE).
#   sh {{fileName}} [install|uninstall|status]
#   curl -fsSL {{baseUrl}}/install/node | sh                  (uninstall: ... | sh -s uninstall)
{{common}}
{{profile}}

node_install() {
  inkan_refuse_sudo "your shell profile"
  command -v node >/dev/null 2>&1 || inkan_say "note: node is not on the PATH; the setting takes effect once it is"
  profile_write_ca
  profile_add_block "export NODE_EXTRA_CA_CERTS=\"$profile_dir/$INKAN_CA_ID.pem\""
}
node_uninstall() { profile_uninstall; }
node_status() { profile_status; }

inkan_main node
