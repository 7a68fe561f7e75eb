# Inkan: one-shot certificates (drop-in for omgwtfssl) and the PKI service, on a Java 25 JRE.
#
#   docker build -t inkan .
#   docker run --rm -e SSL_SUBJECT=localhost -v "$PWD/certs:/certs" inkan           # one-shot
#   docker run -d -p 127.0.0.1:8443:8443 -p 127.0.0.1:8080:8080 -v inkan-data:/data \
#     -e INKAN_PUBLIC_NAMES=inkan.lan inkan serve                                       # service: HTTPS 8443, HTTP 8080
#
# Base images are build arguments so that tests (and air-gapped builds) can substitute local ones.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-25
ARG RUNTIME_IMAGE=eclipse-temurin:25-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY templates/ templates/
COPY src/ src/
# Tests run in CI on the host (they need nginx, Go, GnuTLS...), not inside the image build.
RUN ./mvnw -B -q -DskipTests package \
 && java -Djarmode=tools -jar target/inkan.jar extract --destination /app
# The extracted layout (inkan.jar + lib/) starts faster than the nested fat jar (Spring Boot docs,
# "Efficient Deployments"). A JDK 25 AOT cache (JEP 483/514) trained on one one-shot run preloads and
# links the classes that run needs; it is built where it will run (the runtime stage), because the
# cache is valid only for the same JVM and class path.

FROM ${RUNTIME_IMAGE}
# `serve` always runs as this unprivileged user (entrypoint.sh drops root with setpriv); its data
# lives in /data and it listens on all interfaces of the container (publish it on 127.0.0.1 only, or set
# INKAN_PUBLIC_NAMES to the names clients use, which the HTTPS certificate then carries).
# The default command, oneshot, runs as root on purpose: it writes into a host directory mounted at
# /certs and gives each file the owner of that directory (chown needs root), so the host user can
# read and delete them without sudo. `docker run --user "$(id -u):$(id -g)"` works as well and needs no chown.
RUN groupadd --system --gid 10001 inkan \
 && useradd --system --uid 10001 --gid inkan --home-dir /data --no-create-home --shell /usr/sbin/nologin inkan \
 && mkdir -p /data /certs /app \
 && chown inkan:inkan /data
COPY --from=build /app/ /app/
COPY --chmod=755 src/main/docker/entrypoint.sh /app/entrypoint.sh
# One AOT cache per command, each trained on a real run of it: a one-shot issuance, and the service
# started up to a refreshed context (Spring Boot's spring.context.exit=onRefresh training run).
RUN java -XX:AOTCacheOutput=/app/oneshot.aot -jar /app/inkan.jar oneshot --out /tmp/aot-training > /dev/null 2>&1 \
 && INKAN_DATA_DIR=/tmp/aot-data java -XX:AOTCacheOutput=/app/serve.aot -Dspring.context.exit=onRefresh \
      -jar /app/inkan.jar serve > /dev/null 2>&1 \
 && rm -rf /tmp/aot-training /tmp/aot-data \
 && test -s /app/oneshot.aot && test -s /app/serve.aot \
 && ln -s oneshot.aot /app/inkan.aot
ENV INKAN_DATA_DIR=/data INKAN_BIND_ADDRESS=0.0.0.0
WORKDIR /data
VOLUME ["/data"]
# 8443: UI and API over HTTPS (certificate from Inkan's own CA, renewed in place); 8080: plain HTTP for the
# trust bootstrap only (/ca.pem, /install, CRL/OCSP, health); INKAN_TLS=off serves everything on 8080.
EXPOSE 8443 8080
ENTRYPOINT ["/app/entrypoint.sh"]
CMD ["oneshot", "--out", "/certs"]
