-- Delta CRLs (RFC 5280 §5.2.4), owned by dev.inkan.revocation. Full and delta CRLs share one CRLNumber sequence
-- (crl_state.crl_number), so the stored full CRL keeps its own number in full_number; the latest delta CRL, which
-- names that full CRL as its base, sits beside it. Each column added on its own: portable to H2 and PostgreSQL.
ALTER TABLE crl_state ADD COLUMN full_number BIGINT;
ALTER TABLE crl_state ADD COLUMN delta_number BIGINT;
ALTER TABLE crl_state ADD COLUMN delta_der BYTEA;
ALTER TABLE crl_state ADD COLUMN delta_this_update TIMESTAMP WITH TIME ZONE;
ALTER TABLE crl_state ADD COLUMN delta_next_update TIMESTAMP WITH TIME ZONE;
ALTER TABLE crl_state ADD COLUMN delta_entries BIGINT;
