// `npm run dev`: the whole product on one machine. Starts the local stack
// (unless DATABASE_URL points elsewhere, or `npm run local -- start` already
// runs it), loads the demo data into an empty database, then the Remix dev
// server with hot reload on http://localhost:3000.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { seed } from '../../seeds/index'
import { localStackConfig, projectRoot } from './config'
import { AlreadyRunningError, acquireLock } from './lock'
import { migrate } from './migrate'
import { PortInUseError, assertPortFree } from './ports'
import { type RunningStack, runningStack, startStack } from './stack'
import { fail, loadDotEnv } from './util'

const log = (line: string) => console.log(`  ${line}`)

async function main() {
	const startedAt = Date.now()
	loadDotEnv()
	const config = localStackConfig()
	const releaseDev = await acquireLock(path.join(config.dataDir, 'dev.pid'), 'Groundwork (npm run dev)')
	await assertPortFree(config.appPort, 'Stop the program using it, or run on another port: PORT=3001 npm run dev')

	let owned: RunningStack | null = null
	const env: Record<string, string> = {}
	if (process.env.DATABASE_URL) {
		console.log('Using the database at DATABASE_URL')
		await migrate(process.env.DATABASE_URL, log)
	} else {
		const existing = await runningStack(config)
		if (existing) {
			console.log('Using the local stack started with `npm run local -- start`')
			Object.assign(env, existing.env)
		} else {
			console.log('Starting the local stack')
			owned = await startStack(config, { log })
			Object.assign(env, owned.env)
		}
	}
	const databaseUrl = process.env.DATABASE_URL ?? env.DATABASE_URL ?? ''
	await seed(databaseUrl, { log, onlyIfEmpty: true })

	const child = spawn(
		path.join(projectRoot, 'node_modules/.bin/remix'),
		['vite:dev', '--port', String(config.appPort), '--strictPort', '--host', '127.0.0.1'],
		{ cwd: projectRoot, stdio: 'inherit', env: { ...process.env, ...env, NODE_ENV: 'development' } },
	)
	console.log(`Groundwork is starting on http://localhost:${config.appPort} (ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`)

	let stopping = false
	async function shutdown(code: number) {
		if (stopping) return
		stopping = true
		child.kill('SIGTERM')
		await owned?.stop()
		await releaseDev()
		process.exit(code)
	}
	child.on('exit', (code) => void shutdown(code ?? 0))
	process.on('SIGINT', () => void shutdown(0))
	process.on('SIGTERM', () => void shutdown(0))
}

main().catch((error: unknown) => {
	if (error instanceof AlreadyRunningError || error instanceof PortInUseError) fail(error.message)
	fail(error instanceof Error ? error.message : String(error))
})
