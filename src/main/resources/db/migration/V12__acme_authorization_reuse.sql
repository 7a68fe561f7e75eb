-- ACME authorization reuse (RFC 8555 §7.1.3 lets a server reuse a valid authorization): a new order looks for a
-- valid authorization of the same account and identifier, by identifier first.
CREATE INDEX ix_acme_authorization_identifier ON acme_authorization (identifier_value, identifier_type);
