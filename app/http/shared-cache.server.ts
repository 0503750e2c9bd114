// The pages a crowd opens at once (a petition shared widely, a chapter, a
// project, the home page) are the same for every visitor who is not signed
// in, so the one way into Remix (node-handler.server.ts) keeps each such
// answer for a moment and hands it to every anonymous visitor asking in that
// moment, instead of running the loaders and the render thousands of times.
// What may be shared, and why a signed-in visitor or a form with errors never
// sees anyone else's page: docs/decisions/064-a-shared-cache-for-anonymous-pages.md.

/** How long one render is shared: the count on a page is never older than this plus the count's own batching. */
export const SHARED_TTL_MS = 1_000
/** What a CDN in front may keep a shareable page for (it sends `Vary: Cookie` visitors to us). */
export const SHARED_S_MAXAGE_S = 2
/** A bound on memory: pages above this size are not kept, and at most this many are. */
const MAX_ENTRY_BYTES = 512 * 1024
const MAX_ENTRIES = 500

/** The pages that may be shared between anonymous visitors: public, the same for everyone not signed in. */
const SHAREABLE: RegExp[] = [/^\/$/, /^\/petitions\/[a-z0-9-]+$/, /^\/chapters$/, /^\/chapters\/[a-z0-9-]+$/, /^\/projects\/[a-z0-9-]+$/]

export type CachedAnswer = {
	status: number
	statusText: string
	headers: Array<[string, string]>
	body: Buffer
	/** The body compressed once when kept (null when the middleware would not compress it). */
	gzip: Buffer | null
	br: Buffer | null
	etag: string | null
	expires: number
}

export type Cacheable = { key: string }

/**
 * Whether this request may be answered from, and its answer kept in, the
 * shared cache: a GET or HEAD for a shareable page from someone with no
 * cookie and no Authorization header at all (a signed-in visitor always
 * has the session cookie), with no query string (search forms, errors
 * and redirects with state arrive with one). Everything else goes to Remix
 * as always.
 */
export function shareable(method: string, url: URL, headers: { cookie?: string; authorization?: string }): Cacheable | null {
	if (method !== 'GET' && method !== 'HEAD') return null
	if (headers.cookie || headers.authorization) return null
	if (url.search) return null
	if (!SHAREABLE.some((pattern) => pattern.test(url.pathname))) return null
	return { key: url.pathname }
}

/**
 * Whether an answer may be kept for others: a 200 with a body, that sets no
 * cookie, and that the page did not mark private or no-store. It is kept
 * with the headers it was sent with (its CSP nonce matches its body).
 */
export function keepable(response: Response) {
	if (response.status !== 200 || !response.body) return false
	if (response.headers.has('Set-Cookie')) return false
	const cacheControl = response.headers.get('Cache-Control') ?? ''
	if (/\b(private|no-store|no-cache)\b/.test(cacheControl)) return false
	const vary = response.headers.get('Vary') ?? ''
	if (vary && !vary.split(',').every((name) => /^\s*(cookie|accept-encoding)\s*$/i.test(name))) return false
	return true
}

/** The Cache-Control a shareable anonymous page goes out with when the page set none of its own. */
export const SHARED_CACHE_CONTROL = `public, max-age=0, s-maxage=${SHARED_S_MAXAGE_S}, stale-while-revalidate=10`

export class SharedCache {
	private readonly entries = new Map<string, CachedAnswer>()
	private readonly pending = new Map<string, Promise<CachedAnswer | null>>()

	constructor(private readonly now: () => number = Date.now) {}

	get(key: string) {
		const entry = this.entries.get(key)
		if (!entry) return null
		if (entry.expires <= this.now()) {
			this.entries.delete(key)
			return null
		}
		return entry
	}

	/**
	 * The cached answer, or the one being made right now for the same page
	 * (a crowd arriving together waits for one render, not one each), or
	 * null when this caller has to make it with `make` itself.
	 */
	async getOrWait(key: string) {
		return this.get(key) ?? (await this.pending.get(key)) ?? null
	}

	/** Runs `make` as the one render of this page that others wait for; what it yields is kept if it may be. */
	async fill(key: string, make: () => Promise<CachedAnswer | null>) {
		const existing = this.pending.get(key)
		if (existing) return existing
		const promise = make()
			.then((answer) => {
				if (answer && answer.body.length <= MAX_ENTRY_BYTES) {
					if (this.entries.size >= MAX_ENTRIES) this.evictExpired()
					if (this.entries.size < MAX_ENTRIES) this.entries.set(key, answer)
				}
				return answer
			})
			.catch(() => null)
			.finally(() => this.pending.delete(key))
		this.pending.set(key, promise)
		return promise
	}

	isPending(key: string) {
		return this.pending.has(key)
	}

	clear() {
		this.entries.clear()
	}

	private evictExpired() {
		const now = this.now()
		for (const [key, entry] of this.entries) if (entry.expires <= now) this.entries.delete(key)
	}
}

/** 304 when the visitor's copy is the cached one. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string | null) {
	if (!ifNoneMatch || !etag) return false
	return ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')
}

/**
 * Which kept encoding to send for this `Accept-Encoding`: brotli or gzip as the
 * compression middleware would choose them (the higher q-value, brotli on a tie;
 * `*` stands for either), or null for anything else (identity, deflate), which is
 * left to the middleware.
 */
export function preferredEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
	if (!acceptEncoding) return null
	let star = -1
	const q: Record<string, number> = {}
	for (const part of acceptEncoding.split(',')) {
		const [name = '', ...params] = part.trim().toLowerCase().split(';')
		const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
		const value = qParam ? Number(qParam.slice(2)) : 1
		const weight = Number.isFinite(value) ? value : 0
		if (name === '*') star = weight
		else q[name.trim()] = weight
	}
	const br = q.br ?? star
	const gzip = q.gzip ?? star
	const best = Math.max(br, gzip)
	if (best <= 0 || (q.identity ?? 0) > best) return null
	return br >= gzip ? 'br' : 'gzip'
}
