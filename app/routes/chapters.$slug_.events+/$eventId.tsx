import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { findChapter } from '#app/chapters/chapters.server'
import { isOrganizer, viewerMembership } from '#app/chapters/members.server'
import { chapterSlug, readerTimeZone } from '#app/chapters/page.server'
import { Notice } from '#app/components/choice-field'
import { seatsLabel, whereLabel } from '#app/components/event-card'
import { ErrorSummary, SubmitButton, TextAreaField, TextField, useValidatedForm } from '#app/components/forms'
import { ButtonLink } from '#app/components/layout'
import { asCaller } from '#app/db/db.server'
import type { RsvpStatus } from '#app/db/types'
import { cancelEvent, cancelMyRsvp, findEvent, isUuid, rsvpToEvent, viewerRsvp, type RsvpOutcome } from '#app/events/events.server'
import { cancelEventSchema, visitorRsvpSchema } from '#app/events/schemas'
import { clientIp, emailKey, retryAfterHeaders, takeAttempt, tooManyAttempts } from '#app/http/rate-limits.server'
import type { MessageKey } from '#app/i18n/en'
import { formatEventTime, formatRelative, t } from '#app/i18n/i18n'
import { Markdown, plainText } from '#app/markdown/markdown'
import { markdownTree } from '#app/markdown/markdown.server'
import { AboutProject } from '#app/siting/project-link'
import { projectLinkOf } from '#app/siting/project-links.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { badRequest, notFound } from '#app/utils/responses.server'

function eventId(params: { eventId?: string }) {
	if (!isUuid(params.eventId)) notFound()
	return params.eventId
}

async function loadEvent(request: Request, params: { slug?: string; eventId?: string }) {
	const slug = chapterSlug(params)
	const id = eventId(params)
	const session = await optionalUser(request)
	const userId = session.user?.id ?? null
	const page = await asCaller(session.caller, async (trx) => {
		const chapter = await findChapter(trx, slug)
		const event = chapter ? await findEvent(trx, chapter.id, id) : null
		if (!chapter || !event) return null
		const membership = await viewerMembership(trx, chapter.id, userId)
		const rsvp = await viewerRsvp(trx, event.id, userId)
		const timeZone = await readerTimeZone(trx, userId)
		return { chapter, event, membership, rsvp, timeZone }
	})
	if (!page) notFound(session.headers)
	return { ...page, session }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { chapter, event, membership, rsvp, timeZone, session } = await loadEvent(request, params)
	const about = await projectLinkOf(session.caller, 'events', event.id)
	return data(
		{
			about,
			chapter: { slug: chapter.slug, name: chapter.name, visibility: chapter.visibility },
			event,
			description: markdownTree(event.description),
			rsvp,
			organizer: isOrganizer(membership),
			signedIn: session.user !== null,
			readerZone: timeZone,
			now: new Date(),
		},
		{ headers: session.headers },
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data
		? [
				{ title: `${data.event.title} — ${data.chapter.name}` },
				{
					name: 'description',
					content: plainText(
						`${formatEventTime(data.event.startsAt, data.event.endsAt, data.event.timeZone)}. ${data.event.description}`,
						200,
					),
				},
			]
		: []

const rsvpProblems: Record<Exclude<RsvpOutcome, { ok: true }>['reason'], MessageKey> = {
	event_cancelled: 'event.rsvp.problem.cancelled',
	event_over: 'event.rsvp.problem.over',
	event_not_found: 'event.rsvp.problem.notFound',
	name: 'rsvpForm.name.required',
	email: 'validation.email',
}

/** A refused attempt's Retry-After reaches the browser. */
export const headers: HeadersFunction = retryAfterHeaders

export async function action({ request, params, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { chapter, event, membership, session } = await loadEvent(request, params)
	const { user, caller, headers } = session
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	const here = `/chapters/${chapter.slug}/events/${event.id}`
	const target = { id: event.id, chapterSlug: chapter.slug, chapterName: chapter.name }

	if (intent === 'rsvp' && user) {
		const result = await rsvpToEvent(caller, target, { name: '', email: '' })
		if (!result.ok) return formError({ form: t(rsvpProblems[result.reason]) }, {}, headers)
		return redirect(`${here}?notice=${result.outcome === 'already' ? 'already' : result.status}`, { headers })
	}
	if (intent === 'rsvp-visitor') {
		const form = parseForm(formData, visitorRsvpSchema)
		if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
		if (!user) {
			// Visitors only: a member's RSVP is theirs, one per account.
			const ip = clientIp(request, context)
			const attempt = await takeAttempt([
				['rsvp_ip', ip],
				['rsvp_event_ip', `${event.id}:${ip}`],
				['rsvp_email', `${event.id}:${emailKey(form.data.email)}`],
			])
			if (!attempt.allowed) return tooManyAttempts(attempt, { ...form.data, intent }, headers)
		}
		const result = await rsvpToEvent(caller, target, form.data)
		if (!result.ok) {
			if (result.reason === 'name' || result.reason === 'email')
				return formError({ [result.reason]: t(rsvpProblems[result.reason]) }, { ...form.data, intent }, headers)
			return formError({ form: t(rsvpProblems[result.reason]) }, {}, headers)
		}
		// Only someone who just made this answer sees its private link; anyone can type an address that is already on the list.
		if (result.outcome === 'created' && !user) return redirect(`/rsvp/${result.manageToken}?notice=${result.status}`, { headers })
		return redirect(`${here}?notice=${user ? result.status : 'emailed'}`, { headers })
	}
	if (intent === 'cancel-rsvp' && user) {
		await cancelMyRsvp(caller, event.id)
		return redirect(`${here}?notice=cancelled`, { headers })
	}
	if (intent === 'cancel-event' && user && isOrganizer(membership)) {
		const form = parseForm(formData, cancelEventSchema)
		if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
		await cancelEvent(caller, event.chapterId, event.id, form.data.reason)
		return redirect(`${here}?notice=eventCancelled`, { headers })
	}
	if (!user && (intent === 'rsvp' || intent === 'cancel-rsvp')) {
		throw redirect(`/signin?redirectTo=${encodeURIComponent(here)}`, { headers })
	}
	badRequest('Unknown action')
}

const notices: Record<string, MessageKey> = {
	going: 'event.notice.going',
	waitlisted: 'event.notice.waitlisted',
	already: 'event.notice.already',
	emailed: 'event.notice.emailed',
	cancelled: 'event.notice.cancelled',
	created: 'event.notice.created',
	eventCancelled: 'event.notice.eventCancelled',
	edited: 'event.notice.edited',
	editedNotified: 'event.notice.editedNotified',
}

/**
 * The notice an RSVP left in the address, unless the answer has changed since
 * (someone moved up from the waitlist): the page never says "number 0 on the
 * waitlist" above "You have a place".
 */
function currentNotice(key: string | null, status: RsvpStatus | null) {
	if (status !== null && ((key === 'waitlisted' && status !== 'waitlisted') || (key === 'going' && status !== 'going'))) return undefined
	return notices[key ?? '']
}

export default function EventPage() {
	const { chapter, event, description, rsvp, organizer, signedIn: isSignedIn, readerZone, now, about } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const notice = currentNotice(params.get('notice'), rsvp?.status ?? null)
	const cancelled = event.status === 'cancelled'
	const over = new Date(event.endsAt).getTime() <= new Date(now).getTime()
	const open = !cancelled && !over
	const full = event.capacity !== null && event.goingCount >= event.capacity
	const here = `/chapters/${chapter.slug}/events/${event.id}`
	const problem = actionData && 'errors' in actionData ? actionData.errors.form : undefined
	const otherZone = readerZone && readerZone !== event.timeZone ? readerZone : null

	return (
		// A long word (a 150-character title without spaces) wraps rather than widening a phone's page.
		<article className="space-y-8 [overflow-wrap:anywhere]">
			<p>
				<Link to={`/chapters/${chapter.slug}`}>← {chapter.name}</Link>
			</p>
			<header className="space-y-3">
				<p className="text-sm font-semibold text-ink-muted">
					{t(`events.kind.${event.kind}`)} · {chapter.name}
				</p>
				<h1 className="text-3xl leading-tight font-bold sm:text-4xl">{event.title}</h1>
				<AboutProject about={about} />
				{notice ? <Notice>{t(notice, { position: rsvp?.waitlistPosition ?? 0, count: Number(params.get('count')) || 0 })}</Notice> : null}
				{problem ? <Notice tone="problem">{problem}</Notice> : null}
				{cancelled ? (
					<Notice tone="problem">
						{t('event.cancelledBanner')}
						{event.cancellationReason ? ` ${t('event.cancelledReason', { reason: event.cancellationReason })}` : ''}
					</Notice>
				) : null}
				<dl className="grid gap-x-4 gap-y-2 text-lg sm:grid-cols-[max-content_1fr]">
					<dt className="font-semibold">{t('event.when')}</dt>
					<dd>
						<time dateTime={new Date(event.startsAt).toISOString()}>{formatEventTime(event.startsAt, event.endsAt, event.timeZone)}</time>
						{open ? <span className="text-ink-muted"> ({formatRelative(event.startsAt, now)})</span> : null}
						{otherZone ? (
							<span className="block text-base text-ink-muted">
								{t('event.yourTime', { time: formatEventTime(event.startsAt, event.endsAt, otherZone) })}
							</span>
						) : null}
					</dd>
					<dt className="font-semibold">{t('event.where')}</dt>
					<dd>
						{whereLabel(event)}
						{event.onlineUrl ? (
							<span className="block">
								<a href={event.onlineUrl} rel="nofollow noopener noreferrer">
									{t('event.onlineLink')}
								</a>
							</span>
						) : null}
					</dd>
					{cancelled ? null : (
						<>
							<dt className="font-semibold">{t('event.places')}</dt>
							<dd>{seatsLabel(event)}</dd>
						</>
					)}
				</dl>
				<p className="text-sm text-ink-muted">{t(`events.kind.${event.kind}.hint`)}</p>
			</header>

			<section aria-labelledby="rsvp-heading" className="space-y-4 rounded-lg border border-line bg-paper-raised p-4">
				<h2 id="rsvp-heading" className="text-2xl font-bold">
					{t('event.rsvp.heading')}
				</h2>
				{!open ? (
					<p>{cancelled ? t('event.rsvp.closedCancelled') : t('event.rsvp.closedOver')}</p>
				) : rsvp && rsvp.status !== 'cancelled' ? (
					<Form method="post" className="space-y-3">
						<p className="font-semibold">
							{rsvp.status === 'going'
								? t('event.rsvp.youAreGoing')
								: t('event.rsvp.youAreWaitlisted', { position: rsvp.waitlistPosition ?? 0 })}
						</p>
						<button
							type="submit"
							name="intent"
							value="cancel-rsvp"
							className="min-h-11 rounded-md border-2 border-alert px-4 font-semibold text-alert"
						>
							{rsvp.status === 'going' ? t('event.rsvp.cancel') : t('event.rsvp.leaveWaitlist')}
						</button>
					</Form>
				) : isSignedIn ? (
					<Form method="post" className="space-y-3">
						<p>{full ? t('event.rsvp.fullHint') : t('event.rsvp.memberHint')}</p>
						<SubmitButton name="intent" value="rsvp">
							{full ? t('event.rsvp.joinWaitlist') : t('event.rsvp.going')}
						</SubmitButton>
					</Form>
				) : (
					<VisitorRsvpForm full={full} here={here} />
				)}
				{cancelled ? null : (
					<p>
						<a href={`${here}/calendar.ics`} download>
							{t('event.calendar')}
						</a>
					</p>
				)}
			</section>

			{description.children.length > 0 ? (
				<section aria-labelledby="about-heading" className="space-y-3">
					<h2 id="about-heading" className="text-2xl font-bold">
						{t('event.about')}
					</h2>
					<Markdown tree={description} headingLevel={3} className="max-w-prose space-y-3" />
				</section>
			) : null}

			{organizer ? <OrganizerPanel here={here} cancelled={cancelled} over={over} event={event} /> : null}
		</article>
	)
}

function VisitorRsvpForm({ full, here }: { full: boolean; here: string }) {
	const actionData = useActionData<typeof action>()
	const failure = actionData && 'errors' in actionData && actionData.values.intent === 'rsvp-visitor' ? actionData : undefined
	const { register, errors, onSubmit } = useValidatedForm(visitorRsvpSchema, failure)
	const labels = { name: t('rsvpForm.name'), email: t('rsvpForm.email') }
	return (
		<>
			<p>{full ? t('event.rsvp.visitorFullHint') : t('event.rsvp.visitorHint')}</p>
			<ErrorSummary errors={errors} labels={labels} />
			<Form method="post" noValidate onSubmit={onSubmit} className="max-w-md space-y-4">
				<input type="hidden" name="intent" value="rsvp-visitor" />
				<TextField
					name="name"
					label={labels.name}
					hint={t('rsvpForm.name.hint')}
					error={errors.name}
					register={register}
					autoComplete="name"
					maxLength={120}
				/>
				<TextField
					name="email"
					type="email"
					label={labels.email}
					hint={t('rsvpForm.email.hint')}
					error={errors.email}
					register={register}
					autoComplete="email"
					inputMode="email"
				/>
				<SubmitButton>{full ? t('event.rsvp.joinWaitlist') : t('event.rsvp.going')}</SubmitButton>
			</Form>
			<p className="text-sm">
				{t('event.rsvp.haveAccount')} <Link to={`/signin?redirectTo=${encodeURIComponent(here)}`}>{t('nav.signIn')}</Link>
			</p>
		</>
	)
}

function OrganizerPanel({
	here,
	cancelled,
	over,
	event,
}: {
	here: string
	cancelled: boolean
	over: boolean
	event: { goingCount: number; waitlistCount: number }
}) {
	const actionData = useActionData<typeof action>()
	const failure = actionData && 'errors' in actionData && actionData.values.intent === 'cancel-event' ? actionData : undefined
	const { register, errors } = useValidatedForm(cancelEventSchema, failure)
	return (
		<section aria-labelledby="organize-heading" className="space-y-4">
			<h2 id="organize-heading" className="text-2xl font-bold">
				{t('event.organize.heading')}
			</h2>
			<p>{t('event.organize.counts', { going: event.goingCount, waitlisted: event.waitlistCount })}</p>
			<div className="flex flex-wrap gap-3">
				{cancelled || over ? null : <ButtonLink to={`${here}/edit`}>{t('event.organize.edit')}</ButtonLink>}
				<ButtonLink to={`${here}/check-in`}>{t('event.organize.checkIn')}</ButtonLink>
			</div>
			{cancelled || over ? null : (
				<details className="rounded-lg border border-line bg-paper-raised p-4">
					<summary className="min-h-11 cursor-pointer py-2 font-semibold text-alert">{t('event.organize.cancel')}</summary>
					<Form method="post" noValidate className="space-y-3 pt-2">
						<p>{t('event.organize.cancelHint', { count: event.goingCount + event.waitlistCount })}</p>
						<TextAreaField
							name="reason"
							label={t('eventCancel.reason')}
							hint={t('eventCancel.reason.hint')}
							error={errors.reason}
							register={register}
							rows={3}
							maxLength={1000}
						/>
						<button type="submit" name="intent" value="cancel-event" className="min-h-11 rounded-md bg-alert px-4 font-semibold text-white">
							{t('event.organize.cancelButton')}
						</button>
					</Form>
				</details>
			)}
		</section>
	)
}
