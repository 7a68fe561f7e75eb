-- Revocation publication, one row per CA (owned by dev.inkan.revocation):
--   crl_number        the last CRLNumber issued; raised by "UPDATE ... SET crl_number = crl_number + 1" in the
--                     transaction that stores the new CRL, so instances sharing the database never reuse one;
--   revocation_epoch  raised in the transaction of every revocation by this CA; OCSP caches compare it;
--   crl_der ...       the latest CRL and its metadata;
--   include_*         per-CA switches: put the CRL distribution point / the AIA (OCSP, caIssuers) into
--                     the certificates this CA signs from now on.
CREATE TABLE crl_state (
    ca_id            BIGINT   NOT NULL PRIMARY KEY REFERENCES certificate_authority (id),
    crl_number       BIGINT   NOT NULL,
    revocation_epoch BIGINT   NOT NULL,
    crl_der          BYTEA,
    this_update      TIMESTAMP WITH TIME ZONE,
    next_update      TIMESTAMP WITH TIME ZONE,
    entries          BIGINT   NOT NULL DEFAULT 0,
    include_crl_url  BOOLEAN  NOT NULL DEFAULT TRUE,
    include_aia      BOOLEAN  NOT NULL DEFAULT TRUE
);

-- Revoked CA certificates (an intermediate revoked by its parent); listed in the parent's CRL.
CREATE TABLE ca_revocation (
    ca_id             BIGINT       NOT NULL PRIMARY KEY REFERENCES certificate_authority (id),
    revoked_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    revocation_reason VARCHAR(32)  NOT NULL,
    revoked_by        VARCHAR(64)  NOT NULL
);
