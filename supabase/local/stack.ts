import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { startApiServers } from './api'
import { localDatabaseUrl, type LocalStackConfig } from './config'
import { loadOrCreateKeys } from './keys'
import { acquireLock, isAlive } from './lock'
import { migrate } from './migrate'
import { assertPortFree } from './ports'
import { startEmbeddedPostgres } from './postgres'

export type StackEnv = Record<string, string>
export type RunningStack = { env: StackEnv; stop: () => Promise<void> }
type StackState = { pid: number; env: StackEnv }

export function stackFiles(config: LocalStackConfig) {
	return {
		lock: path.join(config.dataDir, 'stack.pid'),
		state: path.join(config.dataDir, 'stack.json'),
		log: path.join(config.dataDir, 'stack.log'),
		postgres: path.join(config.dataDir, 'pg'),
	}
}

/**
 * Starts the local stand-in for Supabase in this process: PostgreSQL (or the
 * database at `databaseUrl`) with the platform bootstrap and every migration
 * applied, Auth and Storage on the API port, and the mail catcher. Holds a
 * lock on the data directory for as long as it runs.
 */
export async function startStack(
	config: LocalStackConfig,
	options: { log?: (line: string) => void; fast?: boolean; databaseUrl?: string } = {},
): Promise<RunningStack> {
	const log = options.log ?? (() => {})
	const files = stackFiles(config)
	const release = await acquireLock(files.lock, 'The Groundwork local stack')
	const stops: Array<() => Promise<void>> = []
	async function stop() {
		for (const fn of stops.reverse()) await fn().catch(() => {})
		await rm(files.state, { force: true })
		await release()
	}
	try {
		// With a database of its own (DATABASE_URL) the stack serves only the API and mail.
		const databaseUrl = options.databaseUrl ?? localDatabaseUrl(config)
		if (!options.databaseUrl) {
			await assertPortFree(config.postgresPort, 'Stop the program using it, or set LOCAL_POSTGRES_PORT to another port.')
			const database = await startEmbeddedPostgres({
				dataDir: files.postgres,
				port: config.postgresPort,
				fast: options.fast,
				log,
			})
			stops.push(database.stop)
		}
		await migrate(databaseUrl, log)
		const keys = await loadOrCreateKeys(config.dataDir)
		const api = await startApiServers(config, keys, databaseUrl)
		stops.push(api.stop)
		log(`api: Auth and Storage on ${api.env.SUPABASE_URL}, mail catcher on ${api.env.MAILBOX_URL}`)
		const env: StackEnv = { ...api.env, DATABASE_URL: databaseUrl }
		await writeFile(files.state, JSON.stringify({ pid: process.pid, env } satisfies StackState, null, 2))
		return { env, stop }
	} catch (error) {
		await stop()
		throw error
	}
}

/** The environment of a stack another process started, if it is still running. */
export async function runningStack(config: LocalStackConfig): Promise<StackState | null> {
	const raw = await readFile(stackFiles(config).state, 'utf8').catch(() => null)
	if (!raw) return null
	const state = JSON.parse(raw) as StackState
	return isAlive(state.pid) ? state : null
}

export function formatEnv(env: StackEnv) {
	return Object.entries(env)
		.map(([key, value]) => `${key}="${value}"`)
		.join('\n')
}
