#!/bin/sh
# Makes Docker (and Podman) trust an Inkan-signed private registry: the CA goes to
# /etc/docker/certs.d/REGISTRY/ca.crt (and /etc/containers/certs.d/REGISTRY/ca.crt when Podman is set up).
#   sudo sh {{fileName}} install registry.example.test:5000
#   curl -fsSL {{baseUrl}}/install/docker | sudo sh -s install registry.example.test:5000
#   ... uninstall registry.example.test:5000
# Docker reads certs.d on every pull: no restart needed.
{{common}}

docker_registry="${2:-${INKAN_REGISTRY:-}}"
case "$docker_registry" in
  "") inkan_die "name the registry: $(inkan_again 'sudo ') HOST[:PORT], e.g. $(inkan_again 'sudo ') registry.example.test:5000" ;;
  */*|*..*|.*) inkan_die "'$docker_registry' is not a registry HOST[:PORT]" ;;
esac

docker_dirs() {
  echo "/etc/docker/certs.d/$docker_registry"
  if [ -d /etc/containers ]; then echo "/etc/containers/certs.d/$docker_registry"; fi
}

docker_install() {
  inkan_require_root "/etc/docker/certs.d"
  for dir in $(docker_dirs); do
    if inkan_same_pem "$dir/ca.crt"; then
      inkan_say "already in $dir/ca.crt"
    else
      mkdir -p "$dir"
      inkan_write_pem "$dir/ca.crt"
      inkan_say "installed $dir/ca.crt"
    fi
  done
}

docker_uninstall() {
  inkan_require_root "/etc/docker/certs.d"
  for dir in $(docker_dirs); do
    if inkan_same_pem "$dir/ca.crt"; then
      rm -f "$dir/ca.crt"
      rmdir "$dir" 2>/dev/null || true
      inkan_say "removed $dir/ca.crt"
    else
      inkan_say "not installed in $dir; nothing to do"
    fi
  done
}

docker_status() {
  if inkan_same_pem "/etc/docker/certs.d/$docker_registry/ca.crt"; then
    inkan_say "installed for $docker_registry"
  else
    inkan_say "not installed for $docker_registry"; return 3
  fi
}

inkan_main docker
