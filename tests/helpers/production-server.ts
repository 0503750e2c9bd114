import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import { projectRoot } from '#supabase/local/config'

// For the tests that need the production build (*.after-build.test.ts):
// app/server.mjs started as a child process on a port of its own, as
// `npm start` (or `npm run worker` with `--worker-only`) runs it, against the
// test stack's database, Auth and mail catcher. Traffic goes to 127.0.0.1 only.

export type Server = { child: ChildProcess; base: string; output: () => string }

export function hasProductionBuild() {
	return existsSync(path.join(projectRoot, 'build/server/index.js'))
}

/** Starts app/server.mjs on `port`; `env` is added to the test's own environment, `args` go to the server. */
export function startServer(port: number, env: Record<string, string> = {}, args: string[] = []): Server {
	const base = `http://127.0.0.1:${port}`
	const child = spawn(process.execPath, [path.join(projectRoot, 'app/server.mjs'), ...args], {
		cwd: projectRoot,
		env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', SITE_URL: base, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	let output = ''
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-20_000)
	}
	child.stdout?.on('data', keep)
	child.stderr?.on('data', keep)
	return { child, base, output: () => output }
}

export async function stopServer(server: Server | undefined) {
	if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return
	const exited = new Promise((resolve) => server.child.once('exit', resolve))
	server.child.kill('SIGTERM')
	await exited
}

/** Waits until `url` answers below 500; fails with the server's output if it exits or never does. */
export async function waitForHttp(url: string, server: Server) {
	for (let attempt = 0; attempt < 120; attempt++) {
		if (server.child.exitCode !== null) throw new Error(`the server exited:\n${server.output()}`)
		const status = await fetch(url).then(
			(response) => response.status,
			() => 0,
		)
		if (status > 0 && status < 500) return
		await new Promise((resolve) => setTimeout(resolve, 250))
	}
	throw new Error(`${url} did not answer:\n${server.output()}`)
}

/** The process's peak resident memory so far, in bytes (Linux: VmHWM in /proc). */
export function peakRss(pid: number) {
	const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
	if (!kb) throw new Error(`no VmHWM for process ${pid}`)
	return Number(kb) * 1024
}

/** A port nobody is listening on, from the operating system. */
export function freePort() {
	return new Promise<number>((resolve, reject) => {
		const probe = net.createServer()
		probe.once('error', reject)
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address()
			probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
		})
	})
}

export async function formTokenOn(url: string, headers: Record<string, string> = {}) {
	const html = await (await fetch(url, { headers })).text()
	const token = /name="formToken"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"[^>]*name="formToken"/.exec(html)?.[1]
	if (!token) throw new Error('no form token on the petition page')
	return token
}

export type Signer = { email: string; ip: string }

/** Posts the signing form as a browser without JavaScript does; true for the "check your email" redirect. */
export function sign(agent: http.Agent, url: string, petitionId: string, formToken: string, signer: Signer) {
	const body = new URLSearchParams({
		petitionId,
		formToken,
		name: 'Crash Test Signer',
		email: signer.email,
		country: 'US',
		postalCode: '20175',
		comment: '',
		website: '',
	}).toString()
	const target = new URL(url)
	return new Promise<boolean>((resolve) => {
		const request = http.request(
			{
				agent,
				host: target.hostname,
				port: target.port,
				path: target.pathname,
				method: 'POST',
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					'Content-Length': Buffer.byteLength(body),
					Origin: target.origin,
					'X-Forwarded-For': signer.ip,
				},
			},
			(response) => {
				response.resume()
				response.on('end', () => resolve(response.statusCode === 302 && String(response.headers.location).endsWith('/signed?result=sent')))
				response.on('error', () => resolve(false))
				// Cut off mid-answer by a kill ('end' comes first when it was whole).
				response.on('close', () => resolve(false))
			},
		)
		request.on('error', () => resolve(false))
		request.end(body)
	})
}

/** How many signature confirmations the mail catcher holds per address ending in `.<run>.example`. */
export async function confirmationsByAddress(run: string) {
	const response = await fetch(`${process.env.MAILBOX_URL}/api/v1/messages?limit=1000`)
	const { messages } = (await response.json()) as { messages: Array<{ To: Array<{ Address: string }>; Subject: string }> }
	const counts = new Map<string, number>()
	for (const message of messages) {
		if (!message.Subject.startsWith('Confirm your signature')) continue
		for (const to of message.To) if (to.Address.endsWith(`.${run}.example`)) counts.set(to.Address, (counts.get(to.Address) ?? 0) + 1)
	}
	return counts
}
