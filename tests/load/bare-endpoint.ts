// The floor for `npm run bench:sign`: node:http, the same form parsed with
// URLSearchParams, the same single-row insert, a redirect. No framework, no
// validation, no session: what any web app pays at least.
import http from 'node:http'
import pg from 'pg'
import { BASELINE_INSERT } from './sign-baseline'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) })

const server = http.createServer((request, response) => {
	if (request.method === 'GET') {
		response.writeHead(200).end('ok')
		return
	}
	const chunks: Buffer[] = []
	request.on('data', (chunk: Buffer) => chunks.push(chunk))
	request.on('end', () => {
		const form = new URLSearchParams(Buffer.concat(chunks).toString())
		pool
			.query(BASELINE_INSERT, [
				form.get('petitionId'),
				form.get('name'),
				form.get('email'),
				form.get('postalCode'),
				form.get('showName') === 'on',
				form.get('wantsUpdates') === 'on',
				request.socket.remoteAddress ?? null,
			])
			.then(() => response.writeHead(303, { Location: '/signed?result=sent' }).end())
			.catch(() => response.writeHead(500).end())
	})
})

server.listen(Number(process.env.PORT ?? 3351), '127.0.0.1')
process.on('SIGTERM', () => {
	server.close()
	void pool.end().then(() => process.exit(0))
})
