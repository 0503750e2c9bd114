import { spawn, type ChildProcess } from 'node:child_process'
import { randomInt } from 'node:crypto'
import { request as httpRequest } from 'node:http'
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

/** What a dev server answered, read whole. */
export type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** A fresh address on the loopback network: one person's connection. */
export function newConnection() {
	return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`
}

/** A form post to the dev server from one loopback address, as a browser without JavaScript sends it (same origin unless told). */
export function postFrom(
	server: DevServer,
	path: string,
	body: string,
	options: { from?: string; contentType?: string; cookie?: string; origin?: string; forwardedHost?: string } = {},
) {
	const url = new URL(path, server.url)
	const headers: Record<string, string | number> = {
		Origin: options.origin ?? server.url,
		'Content-Type': options.contentType ?? 'application/x-www-form-urlencoded',
		'Content-Length': Buffer.byteLength(body),
	}
	if (options.cookie) headers.Cookie = options.cookie
	if (options.forwardedHost) headers['X-Forwarded-Host'] = options.forwardedHost
	return new Promise<Answer>((resolve, reject) => {
		const sent = httpRequest(url, { method: 'POST', localAddress: options.from ?? newConnection(), headers }, (response) => {
			let text = ''
			response.setEncoding('utf8')
			response.on('data', (chunk: string) => (text += chunk))
			response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }))
			response.on('error', reject)
		})
		sent.on('error', reject)
		sent.end(body)
	})
}
