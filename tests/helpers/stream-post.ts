import http from 'node:http'

/**
 * Posts `total` bytes to `url` without a Content-Length (chunked), as fast
 * as the server takes them, and stops at the first answer: a client that
 * streams a huge body. Says how many bytes the server had taken by then.
 */
export function streamPost(url: URL, total: number) {
	return new Promise<{ status: number; page: string; sent: number }>((resolve, reject) => {
		let sent = 0
		let answered = false
		const request = http.request(url, {
			method: 'POST',
			headers: { Origin: url.origin, 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' },
		})
		const chunk = Buffer.alloc(64 * 1024, 'a')
		function pump() {
			while (!answered && sent < total) {
				sent += chunk.length
				if (!request.write(chunk)) return void request.once('drain', pump)
			}
			if (!answered) request.end()
		}
		request.on('response', (response) => {
			answered = true
			let page = ''
			response.setEncoding('utf8')
			response.on('data', (text: string) => (page += text))
			response.on('end', () => {
				request.destroy()
				resolve({ status: response.statusCode ?? 0, page, sent })
			})
		})
		request.on('error', (error) => {
			if (!answered) reject(error)
		})
		pump()
	})
}
