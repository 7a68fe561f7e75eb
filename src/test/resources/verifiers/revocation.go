// Go's view of Inkan's revocation: x509.ParseRevocationList and golang.org/x/crypto/ocsp.
//
//	revocation crl  CRL_URL  ISSUER_PEM LEAF_PEM   fetches the DER CRL, checks its signature, prints "good" or "revoked"
//	revocation ocsp OCSP_URL ISSUER_PEM LEAF_PEM   POSTs a request, checks the response signature, prints the status
//
// Exit status 0 only when the answer parsed and its signature verified.
package main

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"golang.org/x/crypto/ocsp"
)

func readCert(path string) *x509.Certificate {
	data, err := os.ReadFile(path)
	if err != nil {
		fail("read %s: %v", path, err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		fail("no PEM in %s", path)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		fail("parse %s: %v", path, err)
	}
	return cert
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func main() {
	if len(os.Args) != 5 {
		fail("usage: revocation crl|ocsp URL ISSUER_PEM LEAF_PEM")
	}
	url, issuer, leaf := os.Args[2], readCert(os.Args[3]), readCert(os.Args[4])
	client := &http.Client{Timeout: 20 * time.Second}
	switch os.Args[1] {
	case "crl":
		resp, err := client.Get(url)
		if err != nil {
			fail("GET %s: %v", url, err)
		}
		der, _ := io.ReadAll(resp.Body)
		crl, err := x509.ParseRevocationList(der)
		if err != nil {
			fail("ParseRevocationList: %v", err)
		}
		if err := crl.CheckSignatureFrom(issuer); err != nil {
			fail("CRL signature: %v", err)
		}
		if time.Now().After(crl.NextUpdate) {
			fail("CRL expired at %v", crl.NextUpdate)
		}
		fmt.Printf("number=%v entries=%d nextUpdate=%v\n", crl.Number, len(crl.RevokedCertificates), crl.NextUpdate)
		for _, revoked := range crl.RevokedCertificates {
			if revoked.SerialNumber.Cmp(leaf.SerialNumber) == 0 {
				fmt.Println("revoked")
				return
			}
		}
		fmt.Println("good")
	case "ocsp":
		request, err := ocsp.CreateRequest(leaf, issuer, &ocsp.RequestOptions{Hash: crypto.SHA1})
		if err != nil {
			fail("CreateRequest: %v", err)
		}
		resp, err := client.Post(url, "application/ocsp-request", bytes.NewReader(request))
		if err != nil {
			fail("POST %s: %v", url, err)
		}
		der, _ := io.ReadAll(resp.Body)
		// ParseResponseForCert checks the signature with the issuer (or a delegated responder it issued)
		answer, err := ocsp.ParseResponseForCert(der, leaf, issuer)
		if err != nil {
			fail("ParseResponse: %v", err)
		}
		switch answer.Status {
		case ocsp.Good:
			fmt.Println("good")
		case ocsp.Revoked:
			fmt.Printf("revoked reason=%d at=%v\n", answer.RevocationReason, answer.RevokedAt)
		default:
			fmt.Println("unknown")
		}
	default:
		fail("unknown mode %s", os.Args[1])
	}
}
