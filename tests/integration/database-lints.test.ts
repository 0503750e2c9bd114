import pg from 'pg'
import { expect, test } from 'vitest'
import { exposedSchemas, runDatabaseLints } from '#tests/helpers/database-lints'

// What Supabase's Security Advisor would flag, checked on the migrated
// database (tests/helpers/database-lints.ts has the rules). The second test
// breaks each rule on purpose inside a transaction that is rolled back, so
// a later migration that breaks one fails the first.

async function withClient(work: (client: pg.Client) => Promise<void>) {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: 'groundwork-database-lints' })
	await client.connect()
	try {
		await work(client)
	} finally {
		await client.end()
	}
}

test('the Data API exposes public only, never the private schema or the job queue’s', async () => {
	expect(await exposedSchemas()).toEqual(['public'])
})

test('the migrated database passes every lint', () =>
	withClient(async (client) => {
		expect(await runDatabaseLints(client, await exposedSchemas())).toEqual([])
	}))

test('each lint catches the statement that breaks its rule', () =>
	withClient(async (client) => {
		await client.query('begin')
		try {
			await client.query(`
				create schema lint_probe;
				create table lint_probe.no_rls (id int primary key);
				create table lint_probe.parent (id int primary key);
				alter table lint_probe.parent enable row level security;
				create policy "bare uid" on lint_probe.parent for select to authenticated using (auth.uid() is not null);
				create policy "one of two wrapped" on lint_probe.parent for update to authenticated
					using ((select auth.uid()) is not null) with check (auth.jwt() is not null);
				create policy "all wrapped" on lint_probe.parent for delete to authenticated using ((select auth.uid()) is not null);
				create table lint_probe.child (id int primary key, parent_id int references lint_probe.parent (id));
				alter table lint_probe.child enable row level security;
				create table lint_probe.policy_without_rls (id int primary key);
				create policy "never applies" on lint_probe.policy_without_rls for select using (true);
				create function lint_probe.definer() returns int language sql security definer as 'select 1';
				create function private.definer_with_public_path() returns int language sql security definer
					set search_path = public as 'select 1';
				create function private.invoker_without_path() returns int language sql as 'select 1';
				create view lint_probe.leaky as select id from lint_probe.parent;
				create view lint_probe.invoker with (security_invoker = on) as select id from lint_probe.parent;
				create view lint_probe.accounts with (security_invoker = on) as select id from auth.users;
				create materialized view lint_probe.snapshot as select id from lint_probe.parent;
				grant usage on schema lint_probe to anon, authenticated;
				grant select on all tables in schema lint_probe to anon, authenticated;
				alter extension pgcrypto set schema public;
				insert into storage.buckets (id, name, public) values ('lint-probe', 'lint-probe', true);
				create policy "lint probe listing" on storage.objects for select to anon using (bucket_id = 'lint-probe');
				create schema if not exists graphile_worker;
				grant usage on schema graphile_worker to anon;
			`)
			const findings = await runDatabaseLints(client, [...(await exposedSchemas()), 'lint_probe'])
			expect(findings).toEqual([
				{ lint: 'auth_users_exposed', object: 'lint_probe.accounts' },
				{ lint: 'extension_in_public', object: 'pgcrypto' },
				{ lint: 'function_search_path_mutable', object: 'lint_probe.definer()' },
				{ lint: 'function_search_path_mutable', object: 'private.definer_with_public_path()' },
				{ lint: 'function_search_path_mutable', object: 'private.invoker_without_path()' },
				{ lint: 'job_queue_reachable', object: 'graphile_worker' },
				{ lint: 'materialized_view_exposed', object: 'lint_probe.snapshot' },
				{ lint: 'policy_calls_auth_per_row', object: 'lint_probe.parent: bare uid' },
				{ lint: 'policy_calls_auth_per_row', object: 'lint_probe.parent: one of two wrapped' },
				{ lint: 'policy_exists_rls_disabled', object: 'lint_probe.policy_without_rls' },
				{ lint: 'public_bucket_allows_listing', object: 'lint-probe: lint probe listing' },
				{ lint: 'rls_disabled_in_exposed_schema', object: 'lint_probe.no_rls' },
				{ lint: 'rls_disabled_in_exposed_schema', object: 'lint_probe.policy_without_rls' },
				{ lint: 'security_definer_function_exposed', object: 'lint_probe.definer()' },
				{ lint: 'security_definer_view', object: 'lint_probe.leaky' },
				{ lint: 'unindexed_foreign_key', object: 'lint_probe.child: child_parent_id_fkey' },
			])
			const exposingInternals = await runDatabaseLints(client, ['public', 'private', 'graphile_worker'])
			expect(exposingInternals.filter((finding) => finding.lint === 'internal_schema_exposed')).toEqual([
				{ lint: 'internal_schema_exposed', object: 'graphile_worker' },
				{ lint: 'internal_schema_exposed', object: 'private' },
			])
		} finally {
			await client.query('rollback')
		}
	}))
