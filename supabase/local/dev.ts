// `npm run dev`: the whole product on one machine. Starts the local stack
// (PostgreSQL, Auth, Storage, mail catcher) unless `npm run local -- start`
// already runs it, loads the demo data into an empty database, then the job
// worker and the Remix dev server with hot reload on http://localhost:3000.
//   SUPABASE_URL set: a real Supabase project; nothing local is started.
//   DATABASE_URL set: the local stack serves Auth, Storage and mail on that database.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { seed } from '../../seeds/index'
import { localStackConfig, projectRoot } from './config'
import { acquireLock, AlreadyRunningError } from './lock'
import { migrate } from './migrate'
import { assertPortFree } from './ports'
import { runningStack, startStack, type RunningStack } from './stack'
import { fail, loadDotEnv } from './util'

const log = (line: string) => console.log(`  ${line}`)

async function main() {
	const startedAt = Date.now()
	loadDotEnv()
	const config = localStackConfig()
	const releaseDev = await acquireLock(path.join(config.dataDir, 'dev.pid'), 'Groundwork (npm run dev)').catch((error: unknown) => {
		if (error instanceof AlreadyRunningError) {
			fail(`${error.message} Open http://localhost:${config.appPort}, or stop that one (Ctrl+C in its terminal) first.`)
		}
		throw error
	})
	await assertPortFree(config.appPort, 'Stop the program using it, or run on another port: PORT=3001 npm run dev')

	let owned: RunningStack | null = null
	const env: Record<string, string> = {}
	if (process.env.SUPABASE_URL) {
		if (!process.env.DATABASE_URL) fail('SUPABASE_URL is set but DATABASE_URL is not: set both to use a Supabase project.')
		console.log(`Using the Supabase project at ${process.env.SUPABASE_URL}`)
		await migrate(process.env.DATABASE_URL, log)
	} else {
		const existing = await runningStack(config)
		if (existing) {
			console.log('Using the local stack started with `npm run local -- start`')
			Object.assign(env, existing.env)
		} else {
			console.log(process.env.DATABASE_URL ? 'Starting the local stack on the database at DATABASE_URL' : 'Starting the local stack')
			owned = await startStack(config, { log, databaseUrl: process.env.DATABASE_URL })
			Object.assign(env, owned.env)
		}
	}
	const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, NODE_ENV: 'development' }
	await seed(childEnv.DATABASE_URL ?? '', { log, onlyIfEmpty: true })

	const children: ChildProcess[] = [
		spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'app/jobs/run-worker.ts')], {
			cwd: projectRoot,
			stdio: 'inherit',
			env: childEnv,
		}),
		spawn(
			path.join(projectRoot, 'node_modules/.bin/remix'),
			['vite:dev', '--port', String(config.appPort), '--strictPort', '--host', '127.0.0.1'],
			{ cwd: projectRoot, stdio: 'inherit', env: childEnv },
		),
	]
	const seconds = ((Date.now() - startedAt) / 1000).toFixed(1)
	console.log(`\nGroundwork is starting on http://localhost:${config.appPort} (stack ready in ${seconds} s)`)
	if (env.MAILBOX_URL) console.log(`Emails it sends land in the local inbox: ${env.MAILBOX_URL}`)

	let stopping = false
	async function shutdown(code: number) {
		if (stopping) return
		stopping = true
		for (const child of children) child.kill('SIGTERM')
		await owned?.stop()
		await releaseDev()
		process.exit(code)
	}
	for (const child of children) child.on('exit', (code) => void shutdown(code ?? 0))
	process.on('SIGINT', () => void shutdown(0))
	process.on('SIGTERM', () => void shutdown(0))
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)))
