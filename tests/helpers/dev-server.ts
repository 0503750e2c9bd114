import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'
import { projectRoot } from '#supabase/local/config'

export type DevServer = { url: string; output: () => string; stop: () => Promise<void> }

/** A free TCP port on 127.0.0.1, as the kernel hands them out. */
async function freePort() {
	const server = createServer()
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const address = server.address()
	await new Promise<void>((resolve) => server.close(() => resolve()))
	if (typeof address !== 'object' || address === null) throw new Error('no port')
	return address.port
}

/**
 * The app as `npm run dev` serves it (Vite, with app/http/node-handler.server.ts
 * in front of Remix, as in production), on a port of its own, against the
 * test stack in the environment. Requests go to it over real HTTP.
 * `siteUrl` is what the app believes its public address to be; `port`, when
 * given, is where it listens (the test stack's Auth sends its Send Email Hook
 * to E2E_PORT, so a test whose requests make Auth send mail serves there).
 */
export async function startDevServer({
	siteUrl,
	port: fixedPort,
}: { siteUrl?: (port: number) => string; port?: number } = {}): Promise<DevServer> {
	const port = fixedPort ?? (await freePort())
	const url = `http://127.0.0.1:${port}`
	let log = ''
	const child: ChildProcess = spawn(
		path.join(projectRoot, 'node_modules/.bin/remix'),
		['vite:dev', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
		{
			cwd: projectRoot,
			env: { ...process.env, NODE_ENV: 'development', SITE_URL: siteUrl?.(port) ?? url },
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	)
	child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()))
	child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
	const stop = async () => {
		if (child.exitCode === null) child.kill('SIGTERM')
		await exited
	}
	try {
		// The first page compiles the app: wait until the server answers one.
		for (let attempt = 0; ; attempt++) {
			if (child.exitCode !== null) throw new Error(`the dev server exited:\n${log}`)
			const answered = await fetch(`${url}/`, { redirect: 'manual' }).then(
				(response) => response.status < 500,
				() => false,
			)
			if (answered) break
			if (attempt > 600) throw new Error(`the dev server did not answer:\n${log}`)
			await new Promise((resolve) => setTimeout(resolve, 250))
		}
	} catch (error) {
		await stop()
		throw error
	}
	return { url, output: () => log, stop }
}
