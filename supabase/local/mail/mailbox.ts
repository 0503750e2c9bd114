import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { OutgoingEmail } from './resend-payload'

/** A caught email: what was sent, when, and whether someone opened it in the inbox. */
export type StoredMessage = OutgoingEmail & {
	id: string
	messageId: string
	created: string
	read: boolean
}

type IdempotentResponse = { fingerprint: string; body: unknown; createdAt: number }

type SavedState = { version: 1; messages: StoredMessage[]; idempotency: Record<string, IdempotentResponse> }

export type IdempotencyCheck = { kind: 'new' } | { kind: 'replay'; body: unknown } | { kind: 'different-payload' } | { kind: 'in-progress' }

const MAX_MESSAGES = 1000
// Resend keeps idempotency keys for 24 hours.
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000

export type Mailbox = ReturnType<typeof createMailbox>

/**
 * The caught mail, newest first, with the idempotency keys Resend would
 * remember. With a data directory everything is kept in
 * `<dataDir>/mail/messages.json`, written whole to a temp file and renamed,
 * so a restart finds the same inbox.
 */
export function createMailbox(dataDir?: string) {
	const file = dataDir ? path.join(dataDir, 'mail', 'messages.json') : undefined
	const state = file ? load(file) : emptyState()
	const pending = new Set<string>()
	let chain: Promise<void> = Promise.resolve()
	let queued: Promise<void> | null = null

	async function write() {
		if (!file) return
		const temp = `${file}.${process.pid}.tmp`
		await mkdir(path.dirname(file), { recursive: true })
		await writeFile(temp, JSON.stringify(state))
		await rename(temp, file)
	}

	/**
	 * Resolves once the current state is on disk. Writes run one at a time;
	 * calls made while one waits to start share it, since it snapshots the
	 * state only when it starts.
	 */
	function save(): Promise<void> {
		if (queued) return queued
		const next = chain.then(() => {
			queued = null
			return write()
		})
		queued = next
		chain = next.catch(() => {})
		return next
	}

	function pruneIdempotency(now: number) {
		for (const [key, entry] of Object.entries(state.idempotency)) {
			if (now - entry.createdAt > IDEMPOTENCY_TTL_MS) delete state.idempotency[key]
		}
	}

	return {
		messages: (): readonly StoredMessage[] => state.messages,

		find(id: string) {
			return id === 'latest' ? state.messages[0] : state.messages.find((message) => message.id === id)
		},

		async deliver(emails: OutgoingEmail[]) {
			const created = new Date().toISOString()
			const delivered = emails.map((email) => {
				const id = randomUUID()
				return { ...email, id, messageId: `<${id}@mail.groundwork.local>`, created, read: false }
			})
			state.messages.unshift(...[...delivered].reverse())
			state.messages.length = Math.min(state.messages.length, MAX_MESSAGES)
			await save()
			return delivered
		},

		async markRead(id: string) {
			const message = state.messages.find((candidate) => candidate.id === id)
			if (!message || message.read) return
			message.read = true
			await save()
		},

		/** Deletes the given messages, or all of them. */
		async remove(ids?: readonly string[]) {
			const doomed = ids ? new Set(ids) : null
			state.messages = doomed ? state.messages.filter((message) => !doomed.has(message.id)) : []
			await save()
		},

		checkIdempotency(key: string, fingerprint: string): IdempotencyCheck {
			pruneIdempotency(Date.now())
			if (pending.has(key)) return { kind: 'in-progress' }
			const entry = state.idempotency[key]
			if (!entry) {
				pending.add(key)
				return { kind: 'new' }
			}
			return entry.fingerprint === fingerprint ? { kind: 'replay', body: entry.body } : { kind: 'different-payload' }
		},

		/** Remembers what a keyed request answered (or, with no body, that it failed). */
		async settleIdempotency(key: string, fingerprint: string, body?: unknown) {
			pending.delete(key)
			if (body === undefined) return
			state.idempotency[key] = { fingerprint, body, createdAt: Date.now() }
			await save()
		},
	}
}

function emptyState(): SavedState {
	return { version: 1, messages: [], idempotency: {} }
}

function load(file: string): SavedState {
	let raw: string
	try {
		raw = readFileSync(file, 'utf8')
	} catch {
		return emptyState()
	}
	try {
		const parsed: unknown = JSON.parse(raw)
		if (isSavedState(parsed)) return parsed
	} catch {
		// Fall through: keep the unreadable file aside rather than overwrite it.
	}
	mkdirSync(path.dirname(file), { recursive: true })
	renameSync(file, `${file}.unreadable-${Date.now()}`)
	return emptyState()
}

function isSavedState(value: unknown): value is SavedState {
	return (
		value !== null &&
		typeof value === 'object' &&
		'version' in value &&
		value.version === 1 &&
		'messages' in value &&
		Array.isArray(value.messages) &&
		'idempotency' in value &&
		value.idempotency !== null &&
		typeof value.idempotency === 'object'
	)
}
