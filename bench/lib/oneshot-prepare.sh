#!/usr/bin/env bash
# hyperfine --prepare for one one-shot run: empty DIR, then copy an existing CA into it when SRC is given
# (ca-key.pem + ca.pem, or mkcert's rootCA*.pem).
set -e
rm -rf "$1"
mkdir -p "$1"
if [ -n "${2:-}" ]; then cp -pR "$2"/. "$1"/; fi
