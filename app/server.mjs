// `npm start`: the production server, with the job worker in the same
// process (WORKER=off leaves it to a separate `npm run worker`). Configured
// by environment only; a bad or missing variable, or a port in use, stops it
// with one line saying so.
//   node app/server.mjs --worker-only   the job worker alone (`npm run worker`)
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, URL } from 'node:url'
import compression from 'compression'
import express from 'express'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '0.0.0.0'

if (!Number.isInteger(port) || port < 1 || port > 65535) {
	console.error(`Configuration error: PORT must be a TCP port number between 1 and 65535 (got "${process.env.PORT}")`)
	process.exit(1)
}

const build = await import(path.join(root, 'build/server/index.js')).catch((error) => {
	if (error?.code === 'ERR_MODULE_NOT_FOUND') {
		console.error('Error: there is no production build. Run `npm run build` first.')
		process.exit(1)
	}
	throw error
})
// Parses and checks the configuration now rather than on the first request.
build.entry.module.checkEnvironment()

const workerOnly = process.argv.includes('--worker-only')
const runner = workerOnly || process.env.WORKER !== 'off' ? await build.entry.module.startWorker() : null
if (workerOnly) {
	console.log('Groundwork job worker is running')
	const stopWorker = () => runner.stop().then(() => process.exit(0))
	process.on('SIGTERM', stopWorker)
	process.on('SIGINT', stopWorker)
	await runner.promise
	process.exit(0)
}

const app = express()
app.disable('x-powered-by')
// Behind a proxy or load balancer, TRUST_PROXY=1 makes req.ip the client's address.
if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY === '1' ? 1 : process.env.TRUST_PROXY)
app.use(compression())
const baseHeaders = build.entry.module.baseSecurityHeaders()
app.use((_req, res, next) => {
	for (const [name, value] of baseHeaders) res.setHeader(name, value)
	next()
})
app.use('/assets', express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }))
// The few other public files (favicon…), listed once: asking the file system on
// every page request cost a stat call each (issue 14's profile).
const publicFiles = new Set(
	readdirSync(path.join(root, 'build/client'), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map(
			(entry) =>
				`/${path
					.relative(path.join(root, 'build/client'), path.join(entry.parentPath ?? entry.path, entry.name))
					.split(path.sep)
					.join('/')}`,
		),
)
const publicStatic = express.static(path.join(root, 'build/client'), { maxAge: '1h' })
app.use((req, res, next) => (publicFiles.has(req.path) ? publicStatic(req, res, next) : next()))
// Everything else goes to Remix through app/http/node-handler.server.ts, which
// refuses oversized bodies before any route reads them and sets the security headers.
app.all('*', (req, res, next) => {
	build.entry.module.handleNodeRequest(build, req, res, { url: publicUrl(req), clientIp: req.ip, mode: 'production' }).catch(next)
})

/** The request's URL as the client sent it; behind a proxy (TRUST_PROXY) from X-Forwarded-Proto and -Host. */
function publicUrl(req) {
	const forwarded = app.get('trust proxy') ? req.get('X-Forwarded-Host') : undefined
	const forwardedPort = Number.parseInt(forwarded?.split(':')[1] ?? '', 10)
	const hostPort = Number.parseInt(req.get('Host')?.split(':')[1] ?? '', 10)
	const port = Number.isSafeInteger(forwardedPort) ? forwardedPort : Number.isSafeInteger(hostPort) ? hostPort : null
	return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`)
}

const server = app.listen(port, host, () => {
	console.log(`Groundwork is listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`)
})
server.on('error', (error) => {
	if (error.code === 'EADDRINUSE') {
		console.error(`Error: port ${port} is already in use. Stop the program using it, or set PORT to another port.`)
		process.exit(1)
	}
	throw error
})

function shutdown() {
	server.close(() => {
		if (runner) runner.stop().then(() => process.exit(0))
		else process.exit(0)
	})
	setTimeout(() => process.exit(0), 5000).unref()
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
