#!/bin/sh
# Installs (or with "uninstall", removes) an Inkan CA in the cacerts trust store of a JDK/JRE
# ($JAVA_HOME, else the java/keytool on the PATH), for every Java program run with it.
#   sudo sh {{fileName}} [install|uninstall|status]
#   curl -fsSL {{baseUrl}}/install/java | sudo JAVA_HOME="$JAVA_HOME" sh
# cacerts' password is "changeit" unless you set JAVA_CACERTS_PASSWORD.
# Instead of changing the JDK, a program can use the bundle's truststore.p12:
#   java -Djavax.net.ssl.trustStore=truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit ...
{{common}}

java_storepass="${JAVA_CACERTS_PASSWORD:-changeit}"

java_locate() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/keytool" ]; then
    java_keytool="$JAVA_HOME/bin/keytool"
  elif command -v keytool >/dev/null 2>&1; then
    java_keytool=$(command -v keytool)
  else
    inkan_die "no keytool found; install a JDK, or give yours: $(inkan_again 'sudo JAVA_HOME=/path/to/jdk ')"
  fi
  java_home=$(dirname "$(dirname "$(readlink -f "$java_keytool")")")
  java_cacerts="$java_home/lib/security/cacerts"
  [ -f "$java_cacerts" ] || java_cacerts="$java_home/jre/lib/security/cacerts"   # Java 8
  [ -f "$java_cacerts" ] || inkan_die "no cacerts under $java_home; set JAVA_HOME to a JDK or JRE"
}

java_present() {
  "$java_keytool" -list -keystore "$java_cacerts" -storepass "$java_storepass" -alias "$INKAN_CA_ID" >/dev/null 2>&1
}

java_require_writable() {
  # Debian's cacerts is a link to /etc/ssl/certs/java/cacerts: check the file itself.
  [ -w "$(readlink -f "$java_cacerts")" ] || inkan_die "cannot write $java_cacerts; run it with sudo, keeping JAVA_HOME: $(inkan_again "sudo JAVA_HOME=$java_home ")"
}

java_install() {
  java_locate
  java_require_writable
  if java_present; then
    inkan_say "already in $java_cacerts (alias $INKAN_CA_ID)"
    return 0
  fi
  inkan_tmp_pem
  "$java_keytool" -importcert -noprompt -trustcacerts -keystore "$java_cacerts" -storepass "$java_storepass" \
      -alias "$INKAN_CA_ID" -file "$inkan_tmp" >/dev/null || inkan_die "keytool could not import the CA into $java_cacerts; is its password changeit? (set JAVA_CACERTS_PASSWORD)"
  inkan_say "installed in $java_cacerts (alias $INKAN_CA_ID)"
}

java_uninstall() {
  java_locate
  java_require_writable
  if java_present; then
    "$java_keytool" -delete -keystore "$java_cacerts" -storepass "$java_storepass" -alias "$INKAN_CA_ID"
    inkan_say "removed alias $INKAN_CA_ID from $java_cacerts"
  else
    inkan_say "not installed in $java_cacerts; nothing to do"
  fi
}

java_status() {
  java_locate
  if java_present; then inkan_say "installed in $java_cacerts"; else inkan_say "not installed in $java_cacerts"; return 3; fi
}

inkan_main java
