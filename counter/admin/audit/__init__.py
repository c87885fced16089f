"""The audit log's writer (a hash chain); reading it is `counter.reports.audit_log`."""
