-- Rate-limit counters are keyed by an HMAC of the address they count from now
-- on (app/http/rate-limits.server.ts, docs/decisions/038): the counters keyed
-- by raw IP and email addresses go (every limit starts afresh once), and the
-- worker's crontab, running as the service role like every job, deletes the
-- counters whose window has ended.
delete from private.rate_limits;

grant select, delete on private.rate_limits to service_role;
