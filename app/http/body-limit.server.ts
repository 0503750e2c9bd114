import type { IncomingMessage } from 'node:http'
import { avatarUpload } from '#app/account/schemas'
import { stageFileUpload } from '#app/campaigns/stage-files'
import { evidenceUpload } from '#app/objections/schemas'
import { coverUpload } from '#app/petitions/schemas'
import { recordsFileUpload } from '#app/siting/records-files'

// How much a request may send, checked before Remix sees the request
// (docs/decisions/030-security-headers-and-session-cookie.md).

/**
 * Any form without a file. The largest form the schemas accept (a petition:
 * 20,000 characters of body and a few short fields) is under 200 KB even when
 * every character is non-Latin and percent-encoded, so no valid form is refused.
 */
export const FORM_BODY_LIMIT = 256 * 1024

/** The routes that take a file, each at its storage bucket's limit plus the rest of the form. */
const uploads = [
	{ path: /^\/account(\/|\.data)?$/, fileBytes: avatarUpload.maxBytes },
	{ path: /^\/petitions\/[^/]+\/edit(\/|\.data)?$/, fileBytes: coverUpload.maxBytes },
	{ path: /^\/projects\/[^/]+\/records\/[0-9a-f-]{36}(\/|\.data)?$/, fileBytes: recordsFileUpload.maxBytes },
	{ path: /^\/objections\/(sign\/)?[^/]+(\/|\.data)?$/, fileBytes: evidenceUpload.maxBytes },
	{ path: /^\/campaigns\/[^/]+\/manage(\/|\.data)?$/, fileBytes: stageFileUpload.maxBytes },
]

export function requestBodyLimit(pathname: string, contentType: string | undefined) {
	if (contentType?.toLowerCase().startsWith('multipart/form-data')) {
		const upload = uploads.find(({ path }) => path.test(pathname))
		if (upload) return upload.fileBytes + FORM_BODY_LIMIT
	}
	return FORM_BODY_LIMIT
}

export type RequestBody = { kind: 'body'; body: Buffer } | { kind: 'tooLarge' } | { kind: 'aborted' }

/**
 * Reads a request's body, counting bytes as they arrive. Past `limit` it
 * stops reading at once (the rest stays unread on the socket, which is closed
 * after the answer), so a client cannot make the server hold more than
 * `limit` bytes whether or not it declared a Content-Length.
 */
export function readRequestBody(req: IncomingMessage, limit: number): Promise<RequestBody> {
	const declared = Number(req.headers['content-length'])
	if (Number.isFinite(declared) && declared > limit) {
		req.pause()
		return Promise.resolve({ kind: 'tooLarge' })
	}
	return new Promise((resolve) => {
		const chunks: Buffer[] = []
		let size = 0
		function finish(result: RequestBody) {
			req.off('data', onData)
			req.off('end', onEnd)
			req.off('error', onAborted)
			req.off('close', onClose)
			resolve(result)
		}
		function onData(chunk: Buffer) {
			size += chunk.length
			if (size > limit) {
				req.pause()
				finish({ kind: 'tooLarge' })
				return
			}
			chunks.push(chunk)
		}
		function onEnd() {
			finish({ kind: 'body', body: Buffer.concat(chunks, size) })
		}
		function onAborted() {
			finish({ kind: 'aborted' })
		}
		function onClose() {
			if (!req.complete) finish({ kind: 'aborted' })
		}
		req.on('data', onData)
		req.once('end', onEnd)
		req.once('error', onAborted)
		req.once('close', onClose)
	})
}
