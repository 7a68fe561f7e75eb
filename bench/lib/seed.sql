-- Bench-only seeding of the H2 ledger (bench/run scale, BENCH_SEED=sql), run with org.h2.tools.RunScript
-- while the service is stopped. Copies the oldest real certificate row ${COUNT} times with unique serials and
-- names s<N>.r${RUN}.seed.test (+ www.), and adds the search terms CertificateLedger.terms() would add.
-- The DER is the template's (list and search never parse it). Schema: db/migration/V1__inkan_service.sql.
CREATE LOCAL TEMPORARY TABLE seed_template AS SELECT * FROM certificate ORDER BY id LIMIT 1;
INSERT INTO certificate (ca_id, serial_number, common_name, dns_names, ip_addresses, profile, key_type, origin,
                         not_before, not_after, certificate_der, key_sealed, created_at, created_by)
SELECT t.ca_id, CONCAT('5eed', '${RUN}', LPAD(CAST(r.X AS VARCHAR), 9, '0')),
       CONCAT('s', r.X, '.r${RUN}.seed.test'),
       CONCAT('s', r.X, '.r${RUN}.seed.test,www.s', r.X, '.r${RUN}.seed.test'),
       t.ip_addresses, t.profile, t.key_type, 'csr', t.not_before, t.not_after, t.certificate_der, NULL,
       t.created_at, 'bench-seed-${RUN}'
FROM SYSTEM_RANGE(1, ${COUNT}) r, seed_template t;
INSERT INTO certificate_name (term, certificate_id)
SELECT DISTINCT term, id FROM (
    SELECT common_name AS term, id FROM certificate WHERE created_by = 'bench-seed-${RUN}'
    UNION ALL SELECT CONCAT('www.', common_name), id FROM certificate WHERE created_by = 'bench-seed-${RUN}'
    UNION ALL SELECT SUBSTRING(common_name, LOCATE('.', common_name) + 1), id FROM certificate WHERE created_by = 'bench-seed-${RUN}'
    UNION ALL SELECT 'seed.test', id FROM certificate WHERE created_by = 'bench-seed-${RUN}'
    UNION ALL SELECT 'test', id FROM certificate WHERE created_by = 'bench-seed-${RUN}'
    UNION ALL SELECT ip_addresses, id FROM certificate WHERE created_by = 'bench-seed-${RUN}' AND ip_addresses <> ''
) terms;
