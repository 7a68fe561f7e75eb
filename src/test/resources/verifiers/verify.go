// Verifies a certificate chain with Go's crypto/x509, the way Go's TLS client does:
// usage: verify ROOT.pem INTERMEDIATES.pem LEAF.pem HOSTNAME server|client
// Prints OK and exits 0 when the chain verifies; prints Go's reason and exits 1 otherwise.
package main

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
)

func load(path string) []*x509.Certificate {
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Println("read:", err)
		os.Exit(2)
	}
	var certs []*x509.Certificate
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			fmt.Println("parse:", err)
			os.Exit(1)
		}
		certs = append(certs, cert)
	}
	return certs
}

func main() {
	roots := x509.NewCertPool()
	for _, c := range load(os.Args[1]) {
		roots.AddCert(c)
	}
	intermediates := x509.NewCertPool()
	for _, c := range load(os.Args[2]) {
		intermediates.AddCert(c)
	}
	leaves := load(os.Args[3])
	if len(leaves) == 0 {
		fmt.Println("no leaf certificate")
		os.Exit(1)
	}
	usage := x509.ExtKeyUsageServerAuth
	if os.Args[5] == "client" {
		usage = x509.ExtKeyUsageClientAuth
	}
	_, err := leaves[0].Verify(x509.VerifyOptions{
		DNSName:       os.Args[4],
		Roots:         roots,
		Intermediates: intermediates,
		KeyUsages:     []x509.ExtKeyUsage{usage},
	})
	if err != nil {
		fmt.Println("FAIL:", err)
		os.Exit(1)
	}
	fmt.Println("OK")
}
