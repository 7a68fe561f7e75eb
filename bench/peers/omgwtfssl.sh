#!/usr/bin/env bash
# What omgwtfssl's generate-certs does, as the openssl command sequence it runs (paulczar/omgwtfssl),
# in directory $1: RSA CA key and self-signed CA (unless both exist), openssl.cnf with the SANs,
# RSA server key, CSR, CA signature with the SAN extfile, then secret.yaml. Same environment
# variables and defaults; banner and YAML printing left out. The peer of `inkan oneshot`.
set -e
cd "$1"
CA_KEY=${CA_KEY-ca-key.pem}; CA_CERT=${CA_CERT-ca.pem}; CA_SUBJECT=${CA_SUBJECT-test-ca}; CA_EXPIRE=${CA_EXPIRE-60}
SSL_CONFIG=${SSL_CONFIG-openssl.cnf}; SSL_KEY=${SSL_KEY-key.pem}; SSL_CSR=${SSL_CSR-key.csr}; SSL_CERT=${SSL_CERT-cert.pem}
SSL_SIZE=${SSL_SIZE-2048}; SSL_EXPIRE=${SSL_EXPIRE-60}; SSL_SUBJECT=${SSL_SUBJECT-example.com}
K8S_NAME=${K8S_NAME-omgwtfssl}; K8S_NAMESPACE=${K8S_NAMESPACE-default}

[ -e "$CA_KEY" ] || openssl genrsa -out "$CA_KEY" "$SSL_SIZE" 2>/dev/null
[ -e "$CA_CERT" ] || openssl req -x509 -new -nodes -key "$CA_KEY" -days "$CA_EXPIRE" -out "$CA_CERT" -subj "/CN=$CA_SUBJECT" 2>/dev/null

cat > "$SSL_CONFIG" <<EOM
[req]
req_extensions = v3_req
distinguished_name = req_distinguished_name
[req_distinguished_name]
[ v3_req ]
basicConstraints = CA:FALSE
keyUsage = nonRepudiation, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth, serverAuth
EOM
if [ -n "${SSL_DNS:-}" ] || [ -n "${SSL_IP:-}" ]; then
    printf 'subjectAltName = @alt_names\n[alt_names]\n' >> "$SSL_CONFIG"
    IFS=, read -r -a dns <<<"${SSL_DNS:-}"
    dns+=("$SSL_SUBJECT")
    for i in "${!dns[@]}"; do echo "DNS.$((i + 1)) = ${dns[$i]}" >> "$SSL_CONFIG"; done
    IFS=, read -r -a ip <<<"${SSL_IP:-}"
    for i in "${!ip[@]}"; do echo "IP.$((i + 1)) = ${ip[$i]}" >> "$SSL_CONFIG"; done
fi

openssl genrsa -out "$SSL_KEY" "$SSL_SIZE" 2>/dev/null
openssl req -new -key "$SSL_KEY" -out "$SSL_CSR" -subj "/CN=$SSL_SUBJECT" -config "$SSL_CONFIG" 2>/dev/null
openssl x509 -req -in "$SSL_CSR" -CA "$CA_CERT" -CAkey "$CA_KEY" -CAcreateserial -out "$SSL_CERT" \
    -days "$SSL_EXPIRE" -extensions v3_req -extfile "$SSL_CONFIG" 2>/dev/null

cat > secret.yaml <<EOM
apiVersion: v1
kind: Secret
metadata:
  name: ${K8S_NAME}
  namespace: ${K8S_NAMESPACE}
type: kubernetes.io/tls
data:
  tls.crt: $(base64 -w0 < "$SSL_CERT")
  tls.key: $(base64 -w0 < "$SSL_KEY")
EOM
