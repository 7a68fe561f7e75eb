#!/bin/sh
# Installs (or with "uninstall", removes) an Inkan CA in the {{platformTitle}}.
#   sudo sh {{fileName}} [install|uninstall|status]
#   curl -fsSL {{baseUrl}}/install/arch | sudo sh            (uninstall: ... | sudo sh -s uninstall)
# To insist on the fingerprint you read on the Inkan page: INKAN_EXPECTED_SHA256=... sudo -E sh {{fileName}}
{{common}}
{{systemStores}}
inkan_main arch
