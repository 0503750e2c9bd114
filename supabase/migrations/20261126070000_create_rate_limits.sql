-- Counters for rate limits (sign-in attempts per IP and per email, and
-- later per petition), in the layout rate-limiter-flexible's Postgres store
-- uses. In the private schema: never exposed through the API.
create table private.rate_limits (
	key varchar(255) primary key,
	points integer not null default 0,
	expire bigint
);
create index rate_limits_expire_idx on private.rate_limits (expire);

alter table private.rate_limits enable row level security;
revoke all on private.rate_limits from anon, authenticated;
