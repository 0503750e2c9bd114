-- Near-duplicates by MinHash over pg_trgm's trigrams (docs/decisions/055).
-- Comparing a new comment with every other comment in its drive cost about a
-- second on a drive of 5,000 (tests/load/comments-dedupe.ts): comments share
-- a vocabulary, so the trigram index passed nearly all of them on to the
-- exact comparison. pg_trgm's similarity is the Jaccard index of two
-- comments' trigram sets, which MinHash estimates: 64 seeded minimum hashes
-- of the trigrams, in 16 bands of 4. Two comments with similarity s share at
-- least one band with probability 1 - (1 - s^4)^16: 99.98% at 0.8, 64% at 0.5,
-- 12% at 0.3; and a comment at 0.8 shares 6.6 bands on average, one at 0.5
-- only one. The 20 comments sharing the most bands are compared exactly, so
-- the nearest comment is found whenever it is near enough to matter (the
-- near-duplicate line is 0.8), and the template is always compared exactly.

create function private.comment_bands_of(p_body text) returns table (band smallint, hash bigint)
language sql immutable parallel safe
set search_path = ''
as $$
	with minhash as (
		select k, min(hashtextextended(t, k)) as m
		from unnest(extensions.show_trgm(p_body)) as t, generate_series(1, 64) as k
		group by k
	)
	select ((k - 1) / 4)::smallint, hashtextextended(string_agg(m::text, ',' order by k), 0)
	from minhash
	group by (k - 1) / 4
$$;

create table private.comment_bands (
	comment_id uuid not null references public.comments (id) on delete cascade,
	drive_id uuid not null references public.comment_drives (id) on delete cascade,
	band smallint not null,
	hash bigint not null,
	primary key (comment_id, band)
);
create index comment_bands_lookup_idx on private.comment_bands (drive_id, band, hash);
alter table private.comment_bands enable row level security;
grant select on private.comment_bands to service_role;

create function private.index_comment_bands() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	delete from private.comment_bands where comment_id = new.id;
	insert into private.comment_bands (comment_id, drive_id, band, hash)
	select new.id, new.drive_id, b.band, b.hash from private.comment_bands_of(new.body) b;
	return null;
end
$$;
create trigger comments_index_bands after insert or update of body on public.comments
	for each row execute function private.index_comment_bands();
revoke all on function private.index_comment_bands() from public;

insert into private.comment_bands (comment_id, drive_id, band, hash)
select c.id, c.drive_id, b.band, b.hash from public.comments c, private.comment_bands_of(c.body) b;

-- As in 20261202120000_create_comments.sql, with the candidates from the bands.
create or replace function private.comment_similarity(p_drive_id uuid, p_body text, p_exclude uuid default null, p_floor real default 0.5)
returns table (template_similarity real, nearest_comment_id uuid, nearest_similarity real)
language plpgsql stable
security definer
set search_path = ''
as $$
declare
	v_template text;
begin
	select d.template into v_template from public.comment_drives d where d.id = p_drive_id;
	return query
	with probe as (select b.band, b.hash from private.comment_bands_of(p_body) b),
	-- The comments sharing the most bands are the most similar (each shared
	-- band is 4 equal minimum hashes); only the top 20 are compared exactly,
	-- so the work stays the same however many comments share a phrase or two.
	candidates as (
		select cb.comment_id from private.comment_bands cb
		join probe on probe.band = cb.band and probe.hash = cb.hash
		join public.comments c on c.id = cb.comment_id
		where cb.drive_id = p_drive_id and c.status not in ('withdrawn', 'removed')
			and (p_exclude is null or cb.comment_id <> p_exclude)
		group by cb.comment_id
		order by count(*) desc
		limit 20
	)
	select
		case when coalesce(v_template, '') = '' then 0::real else extensions.similarity(p_body, v_template) end,
		n.id,
		coalesce(n.s, 0)::real
	from (select 1) one
	left join lateral (
		select c.id, extensions.similarity(c.body, p_body) as s
		from public.comments c
		join candidates on candidates.comment_id = c.id
		where c.status not in ('withdrawn', 'removed')
			and (p_exclude is null or c.id <> p_exclude)
			and extensions.similarity(c.body, p_body) >= p_floor
		order by s desc
		limit 1
	) n on true;
end
$$;

-- The bands do the trigram index's work now; it only slowed every write.
drop index public.comments_body_trgm_idx;
