-- Two indexes of the certificate table that no query uses: every lookup by serial number names the issuer too
-- (CertificateLedger's standing and revoke, OCSP, ACME), which the unique key (ca_id, serial_number) answers, and nothing
-- looks certificates up or sorts them by common name (a name search goes through certificate_name). Each was one more
-- B-tree insert per issuance, and the serial's a random one: a leaf rewritten into the next chunk for every certificate
-- (issue 12, bench/RESULTS.md "Eighth pass").
DROP INDEX ix_certificate_serial;
DROP INDEX ix_certificate_common_name;
