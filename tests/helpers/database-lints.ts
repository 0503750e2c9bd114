import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type pg from 'pg'
import { parse } from 'smol-toml'
import { projectRoot } from '#supabase/local/config'

// What Supabase's Security Advisor (its splinter lints) checks, asked of the
// migrated database: the same questions, written for this project. Each
// lint answers with the objects that break its rule; none is a pass.
// docs/decisions/034 says why the job queue's schema is left out.

export type LintName =
	| 'rls_disabled_in_exposed_schema'
	| 'policy_exists_rls_disabled'
	| 'policy_calls_auth_per_row'
	| 'function_search_path_mutable'
	| 'security_definer_function_exposed'
	| 'security_definer_view'
	| 'materialized_view_exposed'
	| 'auth_users_exposed'
	| 'extension_in_public'
	| 'unindexed_foreign_key'
	| 'public_bucket_allows_listing'
	| 'internal_schema_exposed'
	| 'job_queue_reachable'

export type LintFinding = { lint: LintName; object: string }

/** Schemas the Supabase platform owns: its own lints leave them alone, and so does this. */
export const PLATFORM_SCHEMAS = [
	'pg_catalog',
	'information_schema',
	'pg_toast',
	'auth',
	'storage',
	'extensions',
	'graphql',
	'graphql_public',
	'realtime',
	'vault',
	'pgsodium',
	'pgsodium_masks',
	'supabase_functions',
	'supabase_migrations',
	'net',
	'cron',
	'pgbouncer',
	'pgmq',
	'pgtle',
	'repack',
	'tiger',
	'topology',
]

/** The job queue's own schema: graphile-worker creates and owns it (decision 034). */
export const JOB_QUEUE_SCHEMAS = ['graphile_worker']

/** Schemas that must never be exposed through the Data API. */
const INTERNAL_SCHEMAS = ['private', ...JOB_QUEUE_SCHEMAS, ...PLATFORM_SCHEMAS.filter((schema) => schema !== 'graphql_public')]

/** The schemas the Data API exposes, as supabase/config.toml names them. */
export async function exposedSchemas(): Promise<string[]> {
	const config = parse(await readFile(path.join(projectRoot, 'supabase/config.toml'), 'utf8'))
	const api = config.api
	const schemas = typeof api === 'object' && api !== null && 'schemas' in api ? api.schemas : undefined
	if (!Array.isArray(schemas) || !schemas.every((schema) => typeof schema === 'string')) {
		throw new Error('supabase/config.toml: [api] schemas must be a list of schema names')
	}
	return schemas
}

/**
 * Each lint's SQL reads the schema lists it names in `params`, as $1, $2…:
 * the exposed schemas, the schemas the advisor skips (platform and job
 * queue; "ours" is every other schema but pg_* ones), the schemas never to
 * expose, and the job queue's.
 */
type Param = 'exposed' | 'skipped' | 'internal' | 'jobQueue'
type Query = { lint: LintName; params: Param[]; sql: string }

const LINTS: Query[] = [
	{
		lint: 'rls_disabled_in_exposed_schema',
		params: ['exposed'],
		sql: `select format('%I.%I', n.nspname, c.relname) as object
			from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where c.relkind in ('r', 'p') and not c.relrowsecurity and n.nspname = any($1)`,
	},
	{
		lint: 'policy_exists_rls_disabled',
		params: ['skipped'],
		sql: `select distinct format('%I.%I', n.nspname, c.relname) as object
			from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
			where not c.relrowsecurity and not n.nspname = any($1) and n.nspname !~ '^pg_'`,
	},
	{
		// auth.uid() in a policy runs once per row unless it is wrapped in
		// (select …), which Postgres evaluates once per statement. Every call
		// must be wrapped, not just one of them. Storage policies are ours too.
		lint: 'policy_calls_auth_per_row',
		params: ['skipped'],
		sql: `select format('%I.%I: %s', schemaname, tablename, policyname) as object
			from pg_policies, lateral (select coalesce(qual, '') || ' ' || coalesce(with_check, '') as expr) e
			where (not schemaname = any($1) or schemaname = 'storage') and schemaname !~ '^pg_'
				and (select count(*) from regexp_matches(e.expr, '(auth\\.(uid|jwt|role|email)\\(\\)|current_setting\\()', 'gi'))
					> (select count(*) from regexp_matches(e.expr, 'select\\s+(auth\\.(uid|jwt|role|email)\\(\\)|current_setting\\()', 'gi'))`,
	},
	{
		// Every function of ours names its search_path; a security definer
		// one (which runs as its owner) names the empty one and qualifies
		// everything, as the project's rule says.
		lint: 'function_search_path_mutable',
		params: ['skipped'],
		sql: `select format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as object
			from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			where not n.nspname = any($1) and n.nspname !~ '^pg_'
				and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
				and not exists (
					select 1 from unnest(coalesce(p.proconfig, '{}')) as setting
					where setting like 'search_path=%' and (not p.prosecdef or setting = 'search_path=""')
				)`,
	},
	{
		lint: 'security_definer_function_exposed',
		params: ['exposed'],
		sql: `select format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as object
			from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			where p.prosecdef and n.nspname = any($1)
				and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))`,
	},
	{
		lint: 'security_definer_view',
		params: ['exposed'],
		sql: `select format('%I.%I', n.nspname, c.relname) as object
			from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where c.relkind = 'v' and n.nspname = any($1)
				and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
				and not coalesce(c.reloptions, '{}') && array['security_invoker=1', 'security_invoker=true', 'security_invoker=yes', 'security_invoker=on']`,
	},
	{
		// A materialized view has no row-level security at all.
		lint: 'materialized_view_exposed',
		params: ['exposed'],
		sql: `select format('%I.%I', n.nspname, c.relname) as object
			from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where c.relkind = 'm' and n.nspname = any($1)
				and (has_table_privilege('anon', c.oid, 'select') or has_table_privilege('authenticated', c.oid, 'select'))`,
	},
	{
		lint: 'auth_users_exposed',
		params: ['exposed'],
		sql: `select distinct format('%I.%I', n.nspname, v.relname) as object
			from pg_depend d
			join pg_rewrite r on r.oid = d.objid
			join pg_class v on v.oid = r.ev_class
			join pg_namespace n on n.oid = v.relnamespace
			where d.refobjid = to_regclass('auth.users') and v.relkind in ('v', 'm') and n.nspname = any($1)
				and (has_table_privilege('anon', v.oid, 'select') or has_table_privilege('authenticated', v.oid, 'select'))`,
	},
	{
		lint: 'extension_in_public',
		params: [],
		sql: `select e.extname::text as object from pg_extension e
			where e.extnamespace = 'public'::regnamespace and e.extname <> 'plpgsql'`,
	},
	{
		// A foreign key's columns lead some valid index, in any order, so a
		// delete on the referenced table does not scan the referencing one.
		lint: 'unindexed_foreign_key',
		params: ['skipped'],
		sql: `select format('%I.%I: %s', n.nspname, c.relname, k.conname) as object
			from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
			where k.contype = 'f' and not n.nspname = any($1) and n.nspname !~ '^pg_'
				and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
				and not exists (
					select 1 from pg_index i
					where i.indrelid = k.conrelid and i.indisvalid
						and (select array_agg(a order by a) from unnest((string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(k.conkey)]) a)
							= (select array_agg(a order by a) from unnest(k.conkey) a)
				)`,
	},
	{
		// Public buckets serve their files by URL without any policy. A SELECT
		// policy that lets every client see every row of such a bucket only
		// adds listing: everything in it, by name.
		lint: 'public_bucket_allows_listing',
		params: [],
		sql: `select format('%s: %s', b.id, p.policyname) as object
			from storage.buckets b
			join pg_policies p on p.schemaname = 'storage' and p.tablename = 'objects'
			where b.public and p.cmd in ('SELECT', 'ALL') and p.permissive = 'PERMISSIVE'
				and p.roles && array['public', 'anon', 'authenticated']::name[]
				and (
					p.qual is null
					or regexp_replace(lower(p.qual), '[\\s()]', '', 'g') in ('true', '1=1')
					or regexp_replace(lower(p.qual), '[\\s()]|::text', '', 'g') = format('bucket_id=%L', b.id)
				)`,
	},
	{
		lint: 'internal_schema_exposed',
		params: ['exposed', 'internal'],
		sql: `select schema as object from unnest($1::text[]) schema where schema = any($2) or schema ~ '^pg_'`,
	},
	{
		// The job queue's functions are not ours to give a search_path; what
		// keeps them harmless is that no API role can reach the schema.
		lint: 'job_queue_reachable',
		params: ['jobQueue'],
		sql: `select n.nspname::text as object from pg_namespace n
			where n.nspname = any($1)
				and (has_schema_privilege('anon', n.oid, 'usage') or has_schema_privilege('authenticated', n.oid, 'usage'))`,
	},
]

/** Runs every lint on the database `client` is connected to; an empty list means all pass. */
export async function runDatabaseLints(client: pg.ClientBase, exposed: string[]): Promise<LintFinding[]> {
	const values: Record<Param, string[]> = {
		exposed,
		skipped: [...PLATFORM_SCHEMAS, ...JOB_QUEUE_SCHEMAS],
		internal: INTERNAL_SCHEMAS,
		jobQueue: JOB_QUEUE_SCHEMAS,
	}
	const findings: LintFinding[] = []
	for (const { lint, params, sql } of LINTS) {
		const { rows } = await client.query<{ object: string }>(
			sql,
			params.map((param) => values[param]),
		)
		for (const row of rows) findings.push({ lint, object: row.object })
	}
	return findings.sort((a, b) => a.lint.localeCompare(b.lint) || a.object.localeCompare(b.object))
}
