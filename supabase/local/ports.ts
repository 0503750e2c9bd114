import net from 'node:net'

export class PortInUseError extends Error {
	constructor(
		readonly port: number,
		readonly hint: string,
	) {
		super(`Port ${port} is already in use. ${hint}`)
	}
}

/** Fails with a one-line reason when something already listens on the port. */
export async function assertPortFree(port: number, hint: string) {
	await new Promise<void>((resolve, reject) => {
		const server = net.createServer()
		server.once('error', (error: NodeJS.ErrnoException) => {
			reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, hint) : error)
		})
		server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve()))
	})
}

export async function waitForPort(port: number, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs
	while (Date.now() < deadline) {
		const open = await new Promise<boolean>((resolve) => {
			const socket = net.connect({ port, host: '127.0.0.1' })
			socket.once('connect', () => {
				socket.destroy()
				resolve(true)
			})
			socket.once('error', () => resolve(false))
		})
		if (open) return
		await new Promise((r) => setTimeout(r, 100))
	}
	throw new Error(`Nothing answered on port ${port} within ${timeoutMs} ms`)
}
