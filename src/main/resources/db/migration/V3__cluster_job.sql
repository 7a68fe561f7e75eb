-- Jobs that run once across all instances (dev.inkan.cluster.ClusterLock): when and where each last
-- completed, by the database's clock so that nodes whose clocks differ agree.
CREATE TABLE cluster_job (
    job_name    VARCHAR(64)  NOT NULL PRIMARY KEY,
    last_run_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_run_by VARCHAR(255) NOT NULL
);
