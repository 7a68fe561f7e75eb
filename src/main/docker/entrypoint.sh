#!/bin/sh
# The container's entry point: runs inkan.jar with the AOT cache trained for the command, and never
# runs the service as root. `oneshot` (the default) keeps root when it has it, so that it can give
# the files it writes into the mounted /certs to the owner of that directory.
set -e
command="${1:-oneshot}"
cache=/app/oneshot.aot
[ "$command" = serve ] && cache=/app/serve.aot
set -- java -XX:AOTCache="$cache" -Xlog:aot=off -Xlog:cds=off $JAVA_OPTS -jar /app/inkan.jar "$@"
if [ "$command" = serve ] && [ "$(id -u)" = 0 ]; then
  exec setpriv --reuid=inkan --regid=inkan --init-groups "$@"
fi
exec "$@"
