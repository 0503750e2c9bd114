import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { findChapter } from '#app/chapters/chapters.server'
import { Notice } from '#app/components/choice-field'
import { whereLabel } from '#app/components/event-card'
import { PageHeading } from '#app/components/layout'
import { anon, asCaller } from '#app/db/db.server'
import { cancelRsvpByToken, findEvent, rsvpByToken } from '#app/events/events.server'
import type { MessageKey } from '#app/i18n/en'
import { formatEventTime, t } from '#app/i18n/i18n'
import { requireSameOrigin } from '#app/utils/forms.server'
import { notFound } from '#app/utils/responses.server'

export const meta: MetaFunction = () => [{ title: t('rsvpPage.title') }, { name: 'robots', content: 'noindex' }]

/**
 * A visitor's own answer, reached from the link in their email: the link is
 * the key, so the event is read as the service role even for a private chapter.
 */
export async function loader({ params }: LoaderFunctionArgs) {
	const rsvp = await rsvpByToken(anon, params.token ?? '')
	if (!rsvp) return data({ found: false as const }, { status: 404 })
	const details = await asCaller({ role: 'service_role' }, async (trx) => {
		const chapter = await findChapter(trx, rsvp.chapterSlug)
		const event = chapter ? await findEvent(trx, chapter.id, rsvp.eventId) : null
		return chapter && event ? { chapter: { slug: chapter.slug, name: chapter.name }, event } : null
	})
	if (!details) return data({ found: false as const }, { status: 404 })
	return data({ found: true as const, rsvp, ...details, now: new Date() }, { headers: { 'Referrer-Policy': 'no-referrer' } })
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const token = params.token ?? ''
	const result = await cancelRsvpByToken(anon, token)
	if (!result.ok) notFound()
	return redirect(`/rsvp/${token}?notice=cancelled`)
}

const notices: Record<string, MessageKey> = {
	going: 'rsvpPage.notice.going',
	waitlisted: 'rsvpPage.notice.waitlisted',
	cancelled: 'rsvpPage.notice.cancelled',
}

export default function ManageRsvp() {
	const loaded = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	if (!loaded.found) {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading>{t('rsvpPage.notFound.heading')}</PageHeading>
				<p>{t('rsvpPage.notFound.body')}</p>
				<Link to="/chapters">{t('error.seeChapters')}</Link>
			</div>
		)
	}
	const { rsvp, chapter, event, now } = loaded
	const key = params.get('notice') ?? ''
	// A notice about an answer that has changed since (moved up from the waitlist) would contradict the status below.
	const notice = (key === 'waitlisted' || key === 'going') && rsvp.status !== key ? undefined : notices[key]
	const eventHref = `/chapters/${chapter.slug}/events/${event.id}`
	const open = event.status === 'scheduled' && new Date(event.endsAt).getTime() > new Date(now).getTime()
	return (
		<div className="max-w-prose space-y-6">
			<PageHeading>{t('rsvpPage.heading', { name: rsvp.name })}</PageHeading>
			{notice ? <Notice>{t(notice, { position: rsvp.waitlistPosition ?? 0 })}</Notice> : null}
			<section aria-labelledby="event-heading" className="space-y-2 rounded-lg border border-line bg-paper-raised p-4">
				<h2 id="event-heading" className="text-xl font-bold">
					<Link to={eventHref}>{event.title}</Link>
				</h2>
				<p>{formatEventTime(event.startsAt, event.endsAt, event.timeZone)}</p>
				<p className="text-ink-muted">{whereLabel(event)}</p>
				<p className="text-sm text-ink-muted">{chapter.name}</p>
			</section>
			<p className="text-lg font-semibold">
				{event.status === 'cancelled'
					? t('rsvpPage.status.eventCancelled')
					: rsvp.status === 'going'
						? t('rsvpPage.status.going')
						: rsvp.status === 'waitlisted'
							? t('rsvpPage.status.waitlisted', { position: rsvp.waitlistPosition ?? 0 })
							: t('rsvpPage.status.cancelled')}
			</p>
			{open && rsvp.status !== 'cancelled' ? (
				<>
					<p>
						<a href={`${eventHref}/calendar.ics`} download>
							{t('event.calendar')}
						</a>
					</p>
					<Form method="post" className="space-y-2">
						<p>{rsvp.status === 'going' ? t('rsvpPage.cancelHint') : t('rsvpPage.leaveHint')}</p>
						<button type="submit" className="min-h-11 rounded-md border-2 border-alert px-4 font-semibold text-alert">
							{rsvp.status === 'going' ? t('event.rsvp.cancel') : t('event.rsvp.leaveWaitlist')}
						</button>
					</Form>
				</>
			) : null}
			{open && rsvp.status === 'cancelled' ? (
				<p>
					{t('rsvpPage.changedMind')} <Link to={eventHref}>{t('rsvpPage.answerAgain')}</Link>
				</p>
			) : null}
			<p className="text-sm text-ink-muted">{t('rsvpPage.keepLink')}</p>
		</div>
	)
}
