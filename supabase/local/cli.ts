// `npm run local -- <command>`: the local stand-in for `supabase start`.
import { spawn } from 'node:child_process'
import { mkdir, open, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { seed } from '../../seeds/index'
import { localDatabaseUrl, localStackConfig, projectRoot } from './config'
import { isAlive, readLock } from './lock'
import { migrate, recreateDatabase } from './migrate'
import { formatEnv, runningStack, stackFiles, startStack } from './stack'
import { generateTypes } from './types'
import { fail, loadDotEnv } from './util'

const usage = `Usage: npm run local -- <command>

  start    start PostgreSQL (and the rest of the local stack) in the background
  stop     stop it
  status   print its environment as dotenv lines (like \`supabase status -o env\`)
  reset    drop the database, re-apply every migration and load the demo data
  migrate  apply pending migrations to DATABASE_URL or the local database
  types    regenerate app/db/types.ts from the migrated database
  run      run the stack in the foreground (what \`start\` runs in the background)`

const log = (line: string) => console.log(line)

async function main() {
	loadDotEnv()
	const config = localStackConfig()
	const command = process.argv[2]
	switch (command) {
		case 'start':
			return start(config)
		case 'stop':
			return stop(config)
		case 'status': {
			const state = await runningStack(config)
			if (!state) fail('The local stack is not running. Start it with: npm run local -- start')
			console.log(formatEnv(state.env))
			return
		}
		case 'run': {
			const stack = await startStack(config, { log })
			await seed(stack.env.DATABASE_URL ?? '', { log, onlyIfEmpty: true })
			log('local stack ready')
			const shutdown = async () => {
				await stack.stop()
				process.exit(0)
			}
			process.on('SIGINT', shutdown)
			process.on('SIGTERM', shutdown)
			return
		}
		case 'migrate': {
			const url = await databaseUrl(config)
			const { applied } = await migrate(url, log)
			log(applied ? `${applied} migration(s) applied` : 'database is up to date')
			return
		}
		case 'reset':
			return reset(config)
		case 'types': {
			const url = await databaseUrl(config)
			await migrate(url, log)
			await generateTypes(url)
			log('app/db/types.ts written')
			return
		}
		default:
			console.log(usage)
			if (command && command !== 'help') process.exitCode = 1
	}
}

/** DATABASE_URL when set; otherwise the running local stack's database. */
async function databaseUrl(config: ReturnType<typeof localStackConfig>) {
	if (process.env.DATABASE_URL) return process.env.DATABASE_URL
	const state = await runningStack(config)
	if (state?.env.DATABASE_URL) return state.env.DATABASE_URL
	fail('No database: start the local stack with `npm run local -- start`, or set DATABASE_URL.')
}

async function start(config: ReturnType<typeof localStackConfig>) {
	const files = stackFiles(config)
	const existing = await runningStack(config)
	if (existing) {
		console.log('The local stack is already running.')
		console.log(formatEnv(existing.env))
		return
	}
	const lockPid = await readLock(files.lock)
	if (lockPid && isAlive(lockPid)) fail(`The local stack is starting or owned by another process (pid ${lockPid}).`)
	await mkdir(config.dataDir, { recursive: true })
	const out = await open(files.log, 'a')
	const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'run'], {
		cwd: projectRoot,
		detached: true,
		stdio: ['ignore', out.fd, out.fd],
		env: process.env,
	})
	child.unref()
	await out.close()
	let exited = false
	child.once('exit', () => (exited = true))
	const deadline = Date.now() + 120_000
	while (Date.now() < deadline) {
		const state = await runningStack(config)
		if (state) {
			// The state file is written before seeding; wait for the ready line.
			const logText = await readFile(files.log, 'utf8')
			if (logText.trimEnd().endsWith('local stack ready')) {
				console.log(formatEnv(state.env))
				return
			}
		}
		if (exited) break
		await new Promise((r) => setTimeout(r, 200))
	}
	const tail = (await readFile(files.log, 'utf8').catch(() => '')).trim().split('\n').slice(-8).join('\n')
	fail(`The local stack did not start. From ${files.log}:\n${tail}`)
}

async function stop(config: ReturnType<typeof localStackConfig>) {
	const files = stackFiles(config)
	const pid = await readLock(files.lock)
	if (!pid || !isAlive(pid)) {
		console.log('The local stack is not running.')
		return
	}
	process.kill(pid, 'SIGTERM')
	const deadline = Date.now() + 30_000
	while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
	if (isAlive(pid)) fail(`The local stack (pid ${pid}) did not stop within 30 s.`)
	console.log('The local stack has stopped.')
}

async function reset(config: ReturnType<typeof localStackConfig>) {
	const url = process.env.DATABASE_URL ?? (await runningStack(config))?.env.DATABASE_URL
	if (url) {
		await recreateDatabase(url)
		await migrate(url, log)
		await seed(url, { log })
		log('database reset')
		return
	}
	// Nothing running: start the database just for the reset.
	const stack = await startStack(config, { log })
	try {
		const stackUrl = stack.env.DATABASE_URL ?? localDatabaseUrl(config)
		await recreateDatabase(stackUrl)
		await migrate(stackUrl, log)
		await seed(stackUrl, { log })
		log('database reset')
	} finally {
		await stack.stop()
	}
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)))
