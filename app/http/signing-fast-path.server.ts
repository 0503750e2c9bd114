import type { IncomingHttpHeaders } from 'node:http'
import type { AppLoadContext, ServerBuild } from '@remix-run/node'
import { clientIpFrom } from '#app/http/rate-limits.server'
import { signedLocation, signWithForm } from '#app/petitions/sign-action.server'
import { isSlug } from '#app/utils/slug'

// The signing fast path (issue 14, goal 3; docs/decisions/084): a petition's
// anonymous signing form, posted without JavaScript, is the one request a
// surge sends thousands of times a minute, and Remix's document pipeline
// around its one database round trip (a Fetch Request, two route matches,
// the data strategy) cost more CPU than the signature itself. So that one
// request is answered here, before Remix, by the same function the route
// actions call (`signWithForm`): the same schema, form-token check, suspicion
// and `signPetition`, and the same 302 to the thanks page.
//
// Only when every one of these holds; anything else goes to Remix as before:
// - POST to `/petitions/<slug>?index` (the page's form; or without `?index`) or `/petitions/<slug>/embed`,
//   where <slug> is a slug no other route claims (`new`, `mine`…);
// - a urlencoded body (not multipart, not a single-fetch `.data` request);
// - no `intent` field (a member's one-click signature, or anything unknown, is Remix's);
// - an Origin that both Remix's and our same-origin check pass (or none).
//
// When the form has errors or the petition is closed, the answer is the page
// with errors, which only Remix renders: the request goes on to Remix with
// the answer in its load context, and the route's action returns it instead
// of signing again (one database call, as before, and no second effect).

type Target = { thanksPath: string }

/** The routes the fast path answers for: if either is renamed or moved, it answers for neither. */
const PAGE_ROUTE = 'routes/petitions+/$slug._index'
const EMBED_ROUTE = 'routes/petitions+/$slug.embed'

const claimedByBuild = new WeakMap<ServerBuild, Set<string> | null>()

/**
 * The second segments under /petitions/ that routes of their own spell out
 * (`/petitions/new`, `/petitions/mine`, `/petitions/unsubscribe/:token`), so
 * that a form posted there is never taken for a petition's. Null when the two
 * signing routes are not where the fast path expects them.
 */
function claimedSegments(build: ServerBuild) {
	if (claimedByBuild.has(build)) return claimedByBuild.get(build) ?? null
	const fullPath = (id: string | undefined): string => {
		const route = id ? build.routes[id] : undefined
		if (!route) return ''
		const parent = fullPath(route.parentId)
		return [parent, route.path ?? ''].filter(Boolean).join('/')
	}
	const page = build.routes[PAGE_ROUTE]
	const expected = page?.index === true && fullPath(PAGE_ROUTE) === 'petitions/:slug' && fullPath(EMBED_ROUTE) === 'petitions/:slug/embed'
	let claimed: Set<string> | null = null
	if (expected) {
		claimed = new Set()
		for (const id of Object.keys(build.routes)) {
			const segment = /^petitions\/([^/]+)/.exec(fullPath(id))?.[1]
			if (segment && !segment.startsWith(':')) claimed.add(segment.toLowerCase())
		}
	}
	claimedByBuild.set(build, claimed)
	return claimed
}

function targetOf(build: ServerBuild, url: URL): Target | null {
	const match = /^\/petitions\/([^/]+)(\/embed)?$/.exec(url.pathname)
	if (!match) return null
	const [, slug = '', embed] = match
	if (!isSlug(slug)) return null
	// The page's form posts with `?index` (an index route's); Remix sends it to the same action without.
	if (!(url.search === '' || (!embed && url.search === '?index'))) return null
	const claimed = claimedSegments(build)
	if (!claimed || claimed.has(slug)) return null
	return { thanksPath: embed ? `/petitions/${slug}/embed` : `/petitions/${slug}/signed` }
}

/** Origin absent, or naming this very host: what Remix's CSRF check and `requireSameOrigin` both let through. */
function sameOrigin(headers: IncomingHttpHeaders) {
	const origin = headers.origin
	if (origin === undefined) return true
	// Behind a proxy, both checks compare with X-Forwarded-Host (Remix with its first value, ours with all of it): one value, then.
	const forwarded = headers['x-forwarded-host']
	const host = forwarded ?? headers.host
	if (typeof host !== 'string' || host === '' || host.includes(',')) return false
	try {
		return new URL(origin).host === host
	} catch {
		return false
	}
}

/**
 * The anonymous signature's redirect when this request is one the fast path
 * answers and it signed; otherwise null, and Remix answers it (with the
 * answer already decided in `context.formSignature` when it was one).
 */
export async function signingFastPath(
	build: ServerBuild,
	method: string,
	url: URL,
	headers: IncomingHttpHeaders,
	body: Uint8Array | undefined,
	context: AppLoadContext,
): Promise<Response | null> {
	if (method !== 'POST' || !body || process.env.SIGNING_FAST_PATH === 'off') return null
	if (headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/x-www-form-urlencoded') return null
	const target = targetOf(build, url)
	if (!target || !sameOrigin(headers)) return null
	// As the Fetch API reads a urlencoded body (UTF-8, a byte-order mark dropped).
	const fields = new URLSearchParams(new TextDecoder().decode(body))
	if (fields.has('intent')) return null
	const forwardedFor = headers['x-forwarded-for']
	const ip = clientIpFrom(Array.isArray(forwardedFor) ? forwardedFor.join(', ') : forwardedFor, context)
	const answer = await signWithForm(fields, ip, target.thanksPath)
	if (answer instanceof Response && answer.headers.get('Location') === signedLocation(target.thanksPath)) {
		// Says which way the answer came (developer tools; the tests check it).
		answer.headers.append('Server-Timing', 'sign;desc="fast path"')
		return answer
	}
	context.formSignature = { answer }
	return null
}
