import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { projectRoot } from './config'

const migrationsDir = path.join(projectRoot, 'supabase/migrations')
const bootstrapFile = path.join(projectRoot, 'supabase/bootstrap/platform.sql')
const MIGRATION_FILE = /^(\d{14})_([a-z0-9_]+)\.sql$/

export type Migration = { version: string; name: string; file: string }

export async function listMigrations(): Promise<Migration[]> {
	const files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort()
	return files.map((file) => {
		const match = MIGRATION_FILE.exec(file)
		if (!match?.[1] || !match[2]) {
			throw new Error(`supabase/migrations/${file}: name it <14-digit timestamp>_<verb_noun>.sql`)
		}
		return { version: match[1], name: match[2], file: path.join(migrationsDir, file) }
	})
}

/**
 * Brings a database up to date: on a plain PostgreSQL (no `auth` schema) it
 * first creates what the Supabase platform provides, then applies each
 * pending migration in its own transaction and records it the way the
 * Supabase CLI does, so `supabase db push` later treats it as applied.
 */
export async function migrate(databaseUrl: string, log: (line: string) => void = () => {}) {
	const client = new pg.Client({ connectionString: databaseUrl })
	await client.connect()
	try {
		// Two processes migrating one database wait for each other.
		await client.query(`select pg_advisory_lock(hashtext('groundwork.migrate'))`)
		const { rows } = await client.query<{ has_auth: boolean }>(
			`select exists (select 1 from pg_namespace where nspname = 'auth') as has_auth`,
		)
		if (!rows[0]?.has_auth) {
			log('bootstrap: creating Supabase platform roles and the auth and storage schemas')
			await inTransaction(client, await readFile(bootstrapFile, 'utf8'))
		}
		await client.query(`
			create schema if not exists supabase_migrations;
			create table if not exists supabase_migrations.schema_migrations (
				version text primary key,
				statements text[],
				name text
			);
		`)
		const applied = new Set(
			(await client.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map((r) => r.version),
		)
		let count = 0
		for (const migration of await listMigrations()) {
			if (applied.has(migration.version)) continue
			const sql = await readFile(migration.file, 'utf8')
			log(`migrate: ${path.basename(migration.file)}`)
			await inTransaction(client, sql, async () => {
				await client.query('insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)', [
					migration.version,
					migration.name,
					[sql],
				])
			})
			count++
		}
		return { applied: count }
	} finally {
		await client.query(`select pg_advisory_unlock(hashtext('groundwork.migrate'))`).catch(() => {})
		await client.end()
	}
}

async function inTransaction(client: pg.Client, sql: string, after?: () => Promise<void>) {
	await client.query('begin')
	try {
		await client.query(sql)
		await after?.()
		await client.query('commit')
	} catch (error) {
		await client.query('rollback')
		throw error
	}
}

/** Drops and recreates the database named in the URL, connecting through another one. */
export async function recreateDatabase(databaseUrl: string) {
	const url = new URL(databaseUrl)
	const name = decodeURIComponent(url.pathname.slice(1)) || 'postgres'
	const maintenance = new URL(databaseUrl)
	maintenance.pathname = name === 'postgres' ? '/template1' : '/postgres'
	const client = new pg.Client({ connectionString: maintenance.toString() })
	await client.connect()
	try {
		const ident = client.escapeIdentifier(name)
		await client.query(`drop database if exists ${ident} with (force)`)
		await client.query(`create database ${ident}`)
	} finally {
		await client.end()
	}
}
