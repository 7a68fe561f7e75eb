-- Web UI sessions in the database (Spring Session JDBC, spring.session.jdbc.table-name=ui_session), so a
-- browser logged in on one node is logged in on every node behind the load balancer. Spring Session's own
-- schema (schema-postgresql.sql) with Inkan's table names, in SQL that H2 2.x and PostgreSQL both take.
-- Times are epoch milliseconds; expired rows are deleted by each node's cleanup (spring.session.jdbc.cleanup-cron).
CREATE TABLE ui_session (
    primary_id            CHAR(36)     NOT NULL,
    session_id            CHAR(36)     NOT NULL,
    creation_time         BIGINT       NOT NULL,
    last_access_time      BIGINT       NOT NULL,
    max_inactive_interval INT          NOT NULL,
    expiry_time           BIGINT       NOT NULL,
    principal_name        VARCHAR(100),
    CONSTRAINT ui_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX ui_session_ix1 ON ui_session (session_id);
CREATE INDEX ui_session_ix2 ON ui_session (expiry_time);
CREATE INDEX ui_session_ix3 ON ui_session (principal_name);

CREATE TABLE ui_session_attributes (
    session_primary_id CHAR(36)     NOT NULL,
    attribute_name     VARCHAR(200) NOT NULL,
    attribute_bytes    BYTEA        NOT NULL,
    CONSTRAINT ui_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT ui_session_attributes_fk FOREIGN KEY (session_primary_id) REFERENCES ui_session (primary_id) ON DELETE CASCADE
);
