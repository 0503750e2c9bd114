import { redirect } from '@remix-run/node'
import { isOrganizer } from '#app/chapters/membership'
import { chapterSlug, chapterWithViewer } from '#app/chapters/page.server'
import { anon, type AuthenticatedCaller, type Caller } from '#app/db/db.server'
import { isModerator } from '#app/moderation/moderation.server'
import { getPetition } from '#app/petitions/petitions.server'
import { notFound } from '#app/utils/responses.server'
import { getSessionUser, type SessionUser } from './supabase.server'

// The one way a loader or action learns who is asking and what they may
// reach: each guard answers `{ user, caller, headers, supabase, … }` or
// throws (a redirect to sign in, or a 404 with the refreshed cookies). The
// caller is what every server module takes; RLS still decides each row
// (docs/decisions/003, docs/decisions/044).

/** The signed-in person as a caller: their verified claims, run as `authenticated`. */
export function callerFor(user: SessionUser): AuthenticatedCaller
export function callerFor(user: SessionUser | null): Caller
export function callerFor(user: SessionUser | null): Caller {
	return user ? { role: 'authenticated', claims: { ...user.claims, sub: user.id, role: 'authenticated' } } : anon
}

/** Whoever is asking, signed in or not; checking `user` narrows `caller` to the signed-in one. */
export async function optionalUser(request: Request) {
	const session = await getSessionUser(request)
	const { user } = session
	// Assigned, not spread, so an anonymous session's Supabase client is still made only if used (supabase.server.ts).
	return user ? { ...session, user, caller: callerFor(user) } : Object.assign(session, { user: null, caller: anon })
}

/**
 * The signed-in person, or a redirect to sign in that comes back here.
 * Cookies refreshed while checking travel with the redirect.
 */
export async function requireUser(request: Request) {
	const session = await getSessionUser(request)
	if (!session.user) {
		const url = new URL(request.url)
		const back = `${url.pathname}${url.search}`
		throw redirect(`/signin?redirectTo=${encodeURIComponent(back)}`, { headers: session.headers })
	}
	const user = session.user
	return { ...session, user, caller: callerFor(user) }
}

export type SignedInSession = Awaited<ReturnType<typeof requireUser>>

/** Pages for signed-out people (sign in, sign up) send signed-in people on. */
export async function redirectIfSignedIn(request: Request, to = '/home') {
	const session = await getSessionUser(request)
	if (session.user) throw redirect(to, { headers: session.headers })
	return session
}

type ChapterParams = { slug?: string }

async function withChapter<Session extends { user: SessionUser | null; caller: Caller; headers: Headers }>(session: Session, slug: string) {
	const found = await chapterWithViewer(session.caller, slug, session.user?.id ?? null)
	if (!found) notFound(session.headers)
	return Object.assign(session, found)
}

/** A chapter page anyone may open: the chapter (if the caller may see it) and the caller's place in it, or a 404. */
export async function optionalChapterVisitor(request: Request, params: ChapterParams) {
	const slug = chapterSlug(params)
	return withChapter(await optionalUser(request), slug)
}

/** A chapter page for signed-in people: the chapter and their place in it, or a 404. */
export async function requireChapterVisitor(request: Request, params: ChapterParams) {
	const slug = chapterSlug(params)
	return withChapter(await requireUser(request), slug)
}

/** A chapter's organizer pages: anyone else gets a 404, so the pages do not even admit to existing. */
export async function requireChapterOrganizer(request: Request, params: ChapterParams) {
	const found = await requireChapterVisitor(request, params)
	if (!isOrganizer(found.membership)) notFound(found.headers)
	return found
}

/** A petition's organizer pages (its chapter's organizers, or its author): anyone else gets a 404. */
export async function requirePetitionOrganizer(request: Request, params: ChapterParams) {
	const session = await requireUser(request)
	const petition = await getPetition(session.caller, params.slug ?? '')
	if (!petition?.canManage) notFound(session.headers)
	return { ...session, petition }
}

/** The site's moderators; anyone else gets a 404. */
export async function requireModerator(request: Request) {
	const session = await requireUser(request)
	if (!(await isModerator(session.caller))) notFound(session.headers)
	return session
}
