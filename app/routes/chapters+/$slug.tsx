import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { optionalUser, requireChapterVisitor } from '#app/auth/guards.server'
import { joinChapter, leaveChapter, setEmailFrequency } from '#app/chapters/members.server'
import { isOrganizer, type ViewerMembership } from '#app/chapters/membership'
import { chapterPage, chapterSlug } from '#app/chapters/page.server'
import { emailSettingsSchema, joinRequestSchema } from '#app/chapters/schemas'
import { ChoiceField, Notice } from '#app/components/choice-field'
import { EventCard } from '#app/components/event-card'
import { ErrorSummary, SubmitButton, TextAreaField, useValidatedForm } from '#app/components/forms'
import { ButtonLink } from '#app/components/layout'
import type { MessageKey } from '#app/i18n/en'
import { formatDate, formatRelative, t } from '#app/i18n/i18n'
import { plainText } from '#app/markdown/markdown'
import { DueThisWeek } from '#app/siting/chapter-due'
import { dueThisWeek } from '#app/siting/chapter-due.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { badRequest, notFound } from '#app/utils/responses.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = chapterSlug(params)
	const { user, caller, headers } = await optionalUser(request)
	const page = await chapterPage(caller, slug, user?.id ?? null)
	if (!page) notFound(headers)
	const due = await dueThisWeek(caller, slug)
	return data({ ...page, due, signedIn: user !== null, now: new Date() }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data
		? [
				{ title: `${data.chapter.name} — Groundwork` },
				{ name: 'description', content: data.chapter.description.slice(0, 200) },
				{
					tagName: 'link',
					rel: 'alternate',
					type: 'text/calendar',
					href: `/chapters/${data.chapter.slug}/calendar.ics`,
					title: t('chapter.calendarFeed'),
				},
			]
		: []

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { caller, chapter, headers } = await requireChapterVisitor(request, params)
	const slug = chapter.slug
	const formData = await request.formData()
	const intent = formData.get('intent')
	const back = (notice: string) => redirect(`/chapters/${slug}?notice=${notice}`, { headers })

	if (intent === 'join') {
		const form = parseForm(formData, joinRequestSchema)
		if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
		const outcome = await joinChapter(caller, chapter, chapter.visibility === 'private' ? form.data.note : '')
		return back(outcome === 'already' ? 'already' : outcome)
	}
	if (intent === 'leave' || intent === 'withdraw') {
		const result = await leaveChapter(caller, chapter.id)
		if (!result.ok && result.reason === 'last_organizer')
			return formError({ form: t('chapter.leave.lastOrganizer') }, { intent: String(intent) }, headers)
		return back(intent === 'leave' ? 'left' : 'withdrawn')
	}
	if (intent === 'email-settings') {
		const form = parseForm(formData, emailSettingsSchema)
		if (!form.success) return formError({ form: t('emailSettings.required') }, { intent: String(intent) }, headers)
		await setEmailFrequency(caller, chapter.id, form.data.frequency)
		return back('email')
	}
	badRequest('Unknown action')
}

const notices: Record<string, MessageKey> = {
	joined: 'chapter.notice.joined',
	requested: 'chapter.notice.requested',
	already: 'chapter.notice.already',
	left: 'chapter.notice.left',
	withdrawn: 'chapter.notice.withdrawn',
	email: 'chapter.notice.email',
	created: 'chapter.notice.created',
	edited: 'chapter.notice.edited',
	welcome: 'chapter.notice.welcome',
	posted: 'chapter.notice.posted',
	steppedDown: 'chapter.notice.steppedDown',
}

export default function Chapter() {
	const { chapter, membership, events, updates, actions, pendingRequests, signedIn: isSignedIn, now, due } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const noticeKey = notices[params.get('notice') ?? '']
	const member = membership?.status === 'active'
	const organizer = isOrganizer(membership)
	const hidden = chapter.visibility === 'private' && !member
	const next = events[0]

	return (
		// A long word wraps rather than widening a phone's page.
		<article className="space-y-10 [overflow-wrap:anywhere]">
			<p>
				<Link to="/chapters">← {t('chapter.back')}</Link>
			</p>
			<header className="space-y-3">
				<h1 className="text-3xl leading-tight font-bold sm:text-4xl">{chapter.name}</h1>
				<p className="text-lg text-ink-muted">
					{chapter.place} · {t('chapters.members', { count: chapter.memberCount })}
					{chapter.visibility === 'private' ? ` · ${t('chapters.private')}` : ''}
				</p>
				{noticeKey ? <Notice>{t(noticeKey)}</Notice> : null}
				{actionData?.errors.form ? <Notice tone="problem">{actionData.errors.form}</Notice> : null}
				{next && !hidden ? (
					<p className="text-lg">
						<strong>{t('chapter.next')}</strong> <Link to={`/chapters/${chapter.slug}/events/${next.id}`}>{next.title}</Link>,{' '}
						{formatDate(next.startsAt, 'en', next.timeZone)} ({formatRelative(next.startsAt, now)})
					</p>
				) : null}
				<MembershipPanel
					slug={chapter.slug}
					visibility={chapter.visibility}
					membership={membership}
					signedIn={isSignedIn}
					pendingRequests={pendingRequests}
				/>
			</header>

			{due.projectCount ? <DueThisWeek items={due.items} now={now} /> : null}

			<section aria-labelledby="about-heading" className="space-y-3">
				<h2 id="about-heading" className="text-2xl font-bold">
					{t('chapter.about')}
				</h2>
				{chapter.description ? (
					chapter.description.split(/\n{2,}/).map((paragraph, index) => (
						<p key={index} className="max-w-prose whitespace-pre-line">
							{paragraph}
						</p>
					))
				) : (
					<p>{t('chapter.descriptionEmpty')}</p>
				)}
				<p className="text-sm text-ink-muted">{t('chapter.started', { date: formatDate(chapter.createdAt) })}</p>
			</section>

			<section aria-labelledby="events-heading" className="space-y-4">
				<div className="flex flex-wrap items-baseline justify-between gap-2">
					<h2 id="events-heading" className="text-2xl font-bold">
						{t('chapter.events')}
					</h2>
					{hidden ? null : <Link to={`/chapters/${chapter.slug}/events`}>{t('chapter.events.all')}</Link>}
				</div>
				{hidden ? (
					<p>{t('chapter.privateContent')}</p>
				) : events.length === 0 ? (
					<p>{organizer ? t('chapter.events.emptyOrganizer') : t('chapter.events.empty')}</p>
				) : (
					<ul className="grid gap-4 sm:grid-cols-2">
						{events.map((event) => (
							<li key={event.id}>
								<EventCard event={event} href={`/chapters/${chapter.slug}/events/${event.id}`} now={now} />
							</li>
						))}
					</ul>
				)}
				{organizer ? <ButtonLink to={`/chapters/${chapter.slug}/events/new`}>{t('chapter.events.create')}</ButtonLink> : null}
				{hidden ? null : (
					<p className="text-sm">
						<a href={`/chapters/${chapter.slug}/calendar.ics`}>{t('chapter.calendarFeed')}</a> — {t('chapter.calendarFeed.hint')}
					</p>
				)}
			</section>

			<section aria-labelledby="actions-heading" className="space-y-4">
				<h2 id="actions-heading" className="text-2xl font-bold">
					{t('chapter.actions')}
				</h2>
				{actions.length === 0 ? (
					<p>{organizer ? t('chapter.actions.emptyOrganizer') : t('chapter.actions.empty')}</p>
				) : (
					<ul className="space-y-3">
						{actions.map((item) => (
							<li key={item.url} className="rounded-lg border border-line bg-paper-raised p-4">
								<p className="text-sm font-semibold text-ink-muted">{t(`chapter.actions.kind.${item.kind}`)}</p>
								<h3 className="text-lg font-semibold">
									<Link to={item.url}>{item.title}</Link>
								</h3>
								<p>{item.summary}</p>
								<p className="text-sm text-ink-muted">
									{item.progress ? t('chapter.actions.progress', { count: item.progress.count, goal: item.progress.goal }) : null}
									{item.deadline
										? ` · ${t('chapter.actions.deadline', { date: formatDate(item.deadline), relative: formatRelative(item.deadline, now) })}`
										: ''}
								</p>
							</li>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="updates-heading" className="space-y-4">
				<h2 id="updates-heading" className="text-2xl font-bold">
					{t('chapter.updates')}
				</h2>
				{hidden ? (
					<p>{t('chapter.privateContent')}</p>
				) : updates.length === 0 ? (
					<p>{organizer ? t('chapter.updates.emptyOrganizer') : t('chapter.updates.empty')}</p>
				) : (
					<ul className="space-y-4">
						{updates.map((update) => (
							<li key={update.id} className="space-y-1">
								<h3 className="text-lg font-semibold">
									<Link to={`/chapters/${chapter.slug}/updates/${update.id}`}>{update.title}</Link>
								</h3>
								<p className="text-sm text-ink-muted">
									{t('chapter.updates.byline', {
										author: update.authorName || t('chapter.anOrganizer'),
										date: formatDate(update.createdAt),
									})}
								</p>
								<p className="max-w-prose">{plainText(update.body, 220)}</p>
							</li>
						))}
					</ul>
				)}
				{organizer ? <ButtonLink to={`/chapters/${chapter.slug}/updates/new`}>{t('chapter.updates.write')}</ButtonLink> : null}
			</section>

			<section aria-labelledby="organizers-heading" className="space-y-3">
				<h2 id="organizers-heading" className="text-2xl font-bold">
					{t('chapter.organizers')}
				</h2>
				{chapter.organizers.length === 0 ? (
					<p>{t('chapter.organizersNone')}</p>
				) : (
					<ul className="list-disc space-y-1 pl-6">
						{chapter.organizers.map((organizerRow) => (
							<li key={organizerRow.id}>{organizerRow.displayName || t('chapter.anOrganizer')}</li>
						))}
					</ul>
				)}
				{member ? (
					<p>
						<Link to={`/chapters/${chapter.slug}/members`}>{t('chapter.members.link', { count: chapter.memberCount })}</Link>
					</p>
				) : null}
			</section>
		</article>
	)
}

/** Asking to join a private chapter, with an optional note the organizers read (and no one else). */
function JoinRequestForm() {
	const actionData = useActionData<typeof action>()
	const failure = actionData && 'values' in actionData && actionData.values.intent === 'join' ? actionData : undefined
	const { register, errors, onSubmit } = useValidatedForm(joinRequestSchema, failure)
	return (
		<Form method="post" noValidate onSubmit={onSubmit} className="space-y-4 rounded-lg border border-line bg-paper-raised p-4">
			<input type="hidden" name="intent" value="join" />
			<p>{t('chapter.join.hintPrivate')}</p>
			<ErrorSummary errors={errors} labels={{ note: t('chapter.join.note') }} />
			<TextAreaField
				name="note"
				label={t('chapter.join.note')}
				hint={t('chapter.join.noteHint')}
				error={errors.note}
				register={register}
				rows={3}
				maxLength={500}
			/>
			<SubmitButton>{t('chapter.join.ask')}</SubmitButton>
		</Form>
	)
}

function MembershipPanel({
	slug,
	visibility,
	membership,
	signedIn,
	pendingRequests,
}: {
	slug: string
	visibility: 'public' | 'private'
	membership: ViewerMembership
	signedIn: boolean
	pendingRequests: number
}) {
	if (!signedIn) {
		const back = encodeURIComponent(`/chapters/${slug}`)
		return (
			<div className="space-y-2 rounded-lg border border-line bg-paper-raised p-4">
				<p>{visibility === 'public' ? t('chapter.join.signedOut') : t('chapter.join.signedOutPrivate')}</p>
				<div className="flex flex-wrap items-center gap-4">
					<ButtonLink to={`/signin?redirectTo=${back}`}>{t('chapter.join.signIn')}</ButtonLink>
					<Link to={`/signup?redirectTo=${back}`}>{t('chapter.join.signUp')}</Link>
				</div>
			</div>
		)
	}
	if (!membership) {
		if (visibility === 'private') return <JoinRequestForm />
		return (
			<Form method="post" className="space-y-2 rounded-lg border border-line bg-paper-raised p-4">
				<p>{t('chapter.join.hint')}</p>
				<SubmitButton name="intent" value="join">
					{t('chapter.join.button')}
				</SubmitButton>
			</Form>
		)
	}
	if (membership.status === 'pending') {
		return (
			<Form method="post" className="space-y-2 rounded-lg border border-line bg-paper-raised p-4">
				<p>{t('chapter.join.pending')}</p>
				<button type="submit" name="intent" value="withdraw" className="min-h-11 font-semibold text-action underline">
					{t('chapter.join.withdraw')}
				</button>
			</Form>
		)
	}
	if (membership.status === 'invited') {
		return (
			<Form method="post" className="space-y-2 rounded-lg border border-line bg-paper-raised p-4">
				<p>{t('chapter.join.invited')}</p>
				<SubmitButton name="intent" value="join">
					{t('chapter.join.accept')}
				</SubmitButton>
			</Form>
		)
	}
	const organizer = membership.role === 'organizer'
	return (
		<div className="space-y-4 rounded-lg border border-line bg-paper-raised p-4">
			<p className="font-semibold">{organizer ? t('chapter.you.organizer') : t('chapter.you.member')}</p>
			{organizer ? (
				<nav aria-label={t('chapter.manage.label')}>
					<ul className="flex flex-wrap gap-x-5 gap-y-2">
						<li>
							<Link to={`/chapters/${slug}/updates/new`} className="inline-flex min-h-11 items-center">
								{t('chapter.manage.update')}
							</Link>
						</li>
						<li>
							<Link to={`/chapters/${slug}/events/new`} className="inline-flex min-h-11 items-center">
								{t('chapter.manage.event')}
							</Link>
						</li>
						<li>
							<Link to={`/chapters/${slug}/members`} className="inline-flex min-h-11 items-center">
								{pendingRequests > 0 ? t('chapter.manage.membersPending', { count: pendingRequests }) : t('chapter.manage.members')}
							</Link>
						</li>
						<li>
							<Link to={`/chapters/${slug}/edit`} className="inline-flex min-h-11 items-center">
								{t('chapter.manage.edit')}
							</Link>
						</li>
						<li>
							<Link to={`/chapters/${slug}/audit`} className="inline-flex min-h-11 items-center">
								{t('chapter.manage.audit')}
							</Link>
						</li>
					</ul>
				</nav>
			) : null}
			<EmailSettingsForm frequency={membership.emailFrequency ?? 'immediate'} />
			<details>
				<summary className="min-h-11 cursor-pointer py-2 font-semibold text-action">{t('chapter.leave.summary')}</summary>
				<Form method="post" className="space-y-2 pt-2">
					<p>{organizer ? t('chapter.leave.hintOrganizer') : t('chapter.leave.hint')}</p>
					<button
						type="submit"
						name="intent"
						value="leave"
						className="min-h-11 rounded-md border-2 border-alert px-4 font-semibold text-alert"
					>
						{t('chapter.leave.button')}
					</button>
				</Form>
			</details>
		</div>
	)
}

function EmailSettingsForm({ frequency }: { frequency: string }) {
	const { register } = useValidatedForm(emailSettingsSchema, undefined, { frequency })
	return (
		<Form method="post" className="space-y-3">
			<input type="hidden" name="intent" value="email-settings" />
			<ChoiceField
				name="frequency"
				legend={t('emailSettings.legend')}
				hint={t('emailSettings.hint')}
				register={register}
				options={[
					{ value: 'immediate', label: t('emailSettings.immediate') },
					{ value: 'weekly', label: t('emailSettings.weekly') },
					{ value: 'none', label: t('emailSettings.none') },
				]}
			/>
			<button type="submit" className="min-h-11 rounded-md border-2 border-action px-4 font-semibold text-action">
				{t('emailSettings.save')}
			</button>
		</Form>
	)
}
