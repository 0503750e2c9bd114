import { execFileSync } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'
import type { Page } from '@playwright/test'

// The hostile-input spec's crawler (docs/decisions/043-hostile-input-crawler.md):
// it walks the pages a person can reach by links, collects every form they
// are served as the server rendered it (no JavaScript), and posts a form the
// way a browser without JavaScript would, from a loopback address of its own.

const root = path.resolve(import.meta.dirname, '../..')

export type Route = { id: string; path: string; pattern: RegExp; params: string[]; rank: number; page: boolean }

/** The app's routes as `remix routes` lists them, most specific first. */
export function routeTable(): Route[] {
	type Listed = { id: string; path?: string; file: string; children?: Listed[] }
	const listed: Listed[] = JSON.parse(
		execFileSync(path.join(root, 'node_modules/.bin/remix'), ['routes', '--json'], { cwd: root, encoding: 'utf8' }),
	)
	const routes: Route[] = []
	const add = (entries: Listed[], parentPath: string) => {
		for (const entry of entries) {
			const full = [parentPath, entry.path ?? ''].filter(Boolean).join('/')
			if (entry.id !== 'root') {
				const params: string[] = []
				const source = full
					.split('/')
					.filter(Boolean)
					.map((segment) => {
						if (segment === '*') return '(.*)'
						if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
						params.push(segment.slice(1))
						return '([^/]+)'
					})
					.join('/')
				const rank = full.split('/').reduce((sum, segment) => sum + (segment === '*' ? -2 : segment.startsWith(':') ? 3 : 10), 0)
				// Resource routes (CSV, SVG, ICS, JSON, PDF) have a dot in their last segment or no view.
				const page = !/\.[a-z]+$/.test(full) && !/\[\.[a-z]+\]/.test(entry.file) && !entry.file.endsWith('.ts')
				routes.push({ id: entry.id, path: full, pattern: new RegExp(`^/${source}/?$`), params, rank, page })
			}
			add(entry.children ?? [], full)
		}
	}
	add(listed, '')
	return routes.sort((a, b) => b.rank - a.rank)
}

export function routeFor(routes: Route[], url: string) {
	const { pathname } = new URL(url, 'http://localhost')
	return routes.find((route) => route.pattern.test(pathname)) ?? null
}

/** The values of a URL's route parameters ("/chapters/a/events/b" → ["a", "b"]). */
export function paramValues(routes: Route[], url: string) {
	const { pathname } = new URL(url, 'http://localhost')
	const match = routeFor(routes, pathname)?.pattern.exec(pathname)
	return match ? match.slice(1).map((value) => decodeURIComponent(value)) : []
}

/**
 * Links the crawler never follows, because following them would end the
 * session, destroy the person or download a file rather than show a page.
 * (Sign-out and account deletion are forms, not links, today; the rule
 * holds if one ever becomes a link.) Pages reached only from emails
 * (/auth/confirm, invitations, RSVP and unsubscribe tokens) have no links
 * to them, and a GET there may act on the token.
 */
export const SKIPPED_LINKS: RegExp[] = [
	/^\/signout\b/,
	/^\/account\/delete\b/,
	/^\/account\/export\b/,
	/^\/auth\//,
	/^\/hooks\//,
	/^\/invitations\//,
	/^\/rsvp\//,
	/^\/(petitions\/)?unsubscribe\//,
]

export type Field = {
	name: string
	/** The input type, or "textarea" / "select". */
	kind: string
	/** The value the server rendered (a hidden field's token, an edit form's current text, a checkbox's value). */
	value: string
	checked: boolean
	options: string[]
	min: string
}

export type FoundForm = {
	/** The page the form was served on. */
	page: string
	pageRoute: string
	method: 'get' | 'post'
	/** Path and query the form submits to. */
	action: string
	actionRoute: string
	enctype: string
	fields: Field[]
	/** The named submit button pressed, when the form has one (intent buttons). */
	submitter: { name: string; value: string } | null
	/** Its button's text, for messages. */
	label: string
}

/** What kind of form this is, whatever chapter or petition it is about: the same form on two pages is posted once. */
export function formKind(form: FoundForm) {
	const intent = form.fields.find((field) => field.name === 'intent')?.value
	// A field named for a row (position-<official id>) is the same kind of field whichever row it names.
	const names = [
		...new Set(form.fields.map((field) => field.name.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id'))),
	]
		.sort()
		.join(',')
	const submitter = form.submitter ? `${form.submitter.name}=${form.submitter.value}` : ''
	return `${form.method.toUpperCase()} ${form.actionRoute} [${names}] ${intent ?? ''} ${submitter}`.trim()
}

type RawForm = Omit<FoundForm, 'page' | 'pageRoute' | 'actionRoute'>

/** Every form on the page as the server rendered it, one entry per named submit button. */
async function formsOn(page: Page): Promise<RawForm[]> {
	return page.evaluate(() => {
		const found: RawForm[] = []
		for (const form of Array.from(document.forms)) {
			const controls = Array.from(form.elements).filter(
				(element): element is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | HTMLButtonElement =>
					element instanceof HTMLInputElement ||
					element instanceof HTMLTextAreaElement ||
					element instanceof HTMLSelectElement ||
					element instanceof HTMLButtonElement,
			)
			const isSubmit = (element: (typeof controls)[number]) =>
				(element instanceof HTMLButtonElement && element.type === 'submit') ||
				(element instanceof HTMLInputElement && (element.type === 'submit' || element.type === 'image'))
			const fields = controls
				.filter((element) => element.name && !element.disabled && !isSubmit(element) && !(element instanceof HTMLButtonElement))
				.map((element) => ({
					name: element.name,
					kind: element instanceof HTMLTextAreaElement ? 'textarea' : element instanceof HTMLSelectElement ? 'select' : element.type,
					value:
						element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio')
							? element.value
							: element.value,
					checked: element instanceof HTMLInputElement ? element.checked : false,
					options: element instanceof HTMLSelectElement ? Array.from(element.options).map((option) => option.value) : [],
					min: element instanceof HTMLInputElement ? element.min : '',
				}))
			const submitters = controls.filter((element) => isSubmit(element) && !element.disabled)
			const named = submitters.filter((element) => element.name)
			const action = new URL(form.getAttribute('action') ?? location.href, location.href)
			const base = {
				method: form.method === 'post' ? ('post' as const) : ('get' as const),
				action: action.pathname + action.search,
				enctype: form.enctype,
				fields,
			}
			const text = (element: Element | undefined) =>
				(element?.textContent ?? (element instanceof HTMLInputElement ? element.value : '')).trim()
			if (named.length === 0) found.push({ ...base, submitter: null, label: text(submitters[0]) })
			for (const button of named) found.push({ ...base, submitter: { name: button.name, value: button.value }, label: text(button) })
		}
		return found
	})
}

export type Visit = { url: string; status: number }

/**
 * Follows same-origin links breadth first from `starts`, at most `maxPages`
 * pages and `perRoute` pages of any one route (one chapter page shows what
 * every chapter page shows), only to pages `allow` lets it, and returns the
 * pages and the forms on them.
 */
export async function crawl(
	page: Page,
	routes: Route[],
	origin: string,
	starts: string[],
	options: { maxPages?: number; perRoute?: number; allow?: (url: string) => boolean } = {},
) {
	const { maxPages = 45, perRoute: perRouteLimit = 2, allow = () => true } = options
	const queue = [...starts]
	const seen = new Set(starts)
	const perRoute = new Map<string, number>()
	const visits: Visit[] = []
	const forms: FoundForm[] = []
	while (queue.length && visits.length < maxPages) {
		const url = queue.shift() ?? ''
		const route = routeFor(routes, url)
		if (!route?.page || !allow(url)) continue
		const count = perRoute.get(route.id) ?? 0
		if (count >= perRouteLimit) continue
		perRoute.set(route.id, count + 1)
		const response = await page.goto(url)
		visits.push({ url, status: response?.status() ?? 0 })
		const landed = new URL(page.url())
		for (const form of await formsOn(page)) {
			forms.push({
				...form,
				page: landed.pathname + landed.search,
				pageRoute: routeFor(routes, landed.pathname)?.id ?? '',
				actionRoute: routeFor(routes, form.action)?.id ?? form.action,
			})
		}
		const links = await page.evaluate(() => Array.from(document.querySelectorAll('a[href]'), (link) => (link as HTMLAnchorElement).href))
		for (const link of links) {
			const target = new URL(link)
			if (target.origin !== origin) continue
			const next = target.pathname + target.search
			if (seen.has(next) || SKIPPED_LINKS.some((pattern) => pattern.test(target.pathname))) continue
			seen.add(next)
			queue.push(next)
		}
	}
	return { visits, forms }
}

/**
 * The same page for another person in another chapter or petition: each
 * route parameter is replaced by the value `own` gives for where it appears
 * ("chapters/:slug", "chapters/:slug/events/:eventId", "petitions/:slug").
 * Null when `own` has none, so the page has no counterpart.
 */
export function counterpart(routes: Route[], url: string, own: Record<string, string>) {
	const parsed = new URL(url, 'http://localhost')
	const route = routeFor(routes, parsed.pathname)
	if (!route) return null
	let missing = false
	const filled = route.path.replace(/:(\w+)/g, (_token, param: string) => {
		const where = route.path.slice(0, route.path.indexOf(`:${param}`) + param.length + 1)
		const key = Object.keys(own).find((candidate) => where === candidate || where.endsWith(`/${candidate}`))
		if (!key) missing = true
		return encodeURIComponent(key ? (own[key] ?? '') : '')
	})
	return missing ? null : `/${filled}${parsed.search}`
}

export type FilePart = { filename: string; contentType: string; content: Buffer }
export type Submission = Array<[string, string | FilePart]>

/**
 * A string as the bytes a browser would send, except that a lone surrogate
 * is sent as its own three bytes (WTF-8) rather than replaced: the server
 * must cope with bytes that are not UTF-8.
 */
export function wtf8(value: string) {
	const bytes: number[] = []
	for (let i = 0; i < value.length; i++) {
		const unit = value.charCodeAt(i)
		const next = value.charCodeAt(i + 1)
		if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
			bytes.push(...Buffer.from(value.slice(i, i + 2), 'utf8'))
			i++
		} else if (unit >= 0xd800 && unit <= 0xdfff) {
			bytes.push(0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f))
		} else bytes.push(...Buffer.from(value[i] ?? '', 'utf8'))
	}
	return Buffer.from(bytes)
}

function percentEncode(value: string) {
	let out = ''
	for (const byte of wtf8(value)) {
		const char = String.fromCharCode(byte)
		out += /[A-Za-z0-9*\-._]/.test(char) ? char : byte === 0x20 ? '+' : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
	}
	return out
}

export function urlEncoded(submission: Submission) {
	return submission
		.map(([name, value]) => `${percentEncode(name)}=${percentEncode(typeof value === 'string' ? value : value.filename)}`)
		.join('&')
}

function multipart(submission: Submission) {
	const boundary = `----groundwork-hostile-${Math.random().toString(36).slice(2)}`
	const parts: Buffer[] = []
	for (const [name, value] of submission) {
		const quoted = (text: string) => text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
		if (typeof value === 'string') {
			parts.push(
				Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n`),
				wtf8(value),
				Buffer.from('\r\n'),
			)
		} else {
			parts.push(
				Buffer.from(
					`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"; filename="${quoted(value.filename)}"\r\nContent-Type: ${value.contentType}\r\n\r\n`,
				),
				value.content,
				Buffer.from('\r\n'),
			)
		}
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`))
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

export type Answer = { status: number; location: string | null; body: string; setCookies: string[]; error?: string }

/**
 * One request over plain HTTP, as a browser without JavaScript makes it,
 * from `localAddress` (any 127.x.y.z reaches the server on 127.0.0.1): the
 * server sees an address of the spec's own, so its posts never use up the
 * per-address allowances (sign-in, signing) of the journeys running beside it.
 */
export function request(
	origin: string,
	target: string,
	options: { method: 'GET' | 'POST'; cookie: string; localAddress: string; body?: Buffer; contentType?: string },
): Promise<Answer> {
	const url = new URL(target, origin)
	return new Promise((resolve, reject) => {
		const outgoing = http.request(
			url,
			{
				method: options.method,
				localAddress: options.localAddress,
				headers: {
					Origin: origin,
					Cookie: options.cookie,
					Accept: 'text/html',
					...(options.body ? { 'Content-Type': options.contentType ?? '', 'Content-Length': String(options.body.length) } : {}),
				},
			},
			(response) => {
				const chunks: Buffer[] = []
				response.on('data', (chunk: Buffer) => chunks.push(chunk))
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						location: response.headers.location ?? null,
						body: Buffer.concat(chunks).toString('utf8'),
						setCookies: response.headers['set-cookie'] ?? [],
					}),
				)
				response.on('error', reject)
			},
		)
		outgoing.on('error', reject)
		// A server that never answers is a finding too, not a hung test.
		outgoing.setTimeout(30_000, () => outgoing.destroy(new Error(`no answer within 30 s from ${options.method} ${target}`)))
		outgoing.end(options.body)
	})
}

/** Submits `form` with `submission` (which already holds its hidden fields and pressed button) as its method and enctype say. */
/** Node's default `maxHeaderSize`. */
const NODE_MAX_HEADER_BYTES = 16 * 1024

export function submit(origin: string, form: FoundForm, submission: Submission, options: { cookie: string; localAddress: string }) {
	if (form.method === 'get') {
		const action = new URL(form.action, origin)
		const target = `${action.pathname}?${urlEncoded(submission)}`
		// Past Node's header limit (16 KiB) the HTTP server answers 431 before the app sees the request and
		// closes the connection, sometimes while the request line is still being written: the client then
		// sees the reset instead of the 431. Either way no route ran.
		return request(origin, target, { method: 'GET', ...options }).catch((error: unknown): Answer => {
			const reset = error instanceof Error && /ECONNRESET|EPIPE/.test(String((error as NodeJS.ErrnoException).code ?? error.message))
			if (reset && target.length > NODE_MAX_HEADER_BYTES) return { status: 431, location: null, body: '', setCookies: [] }
			throw error
		})
	}
	if (form.enctype === 'multipart/form-data') {
		const { body, contentType } = multipart(submission)
		return request(origin, form.action, { method: 'POST', body, contentType, ...options })
	}
	return request(origin, form.action, {
		method: 'POST',
		body: Buffer.from(urlEncoded(submission)),
		contentType: 'application/x-www-form-urlencoded',
		...options,
	})
}
