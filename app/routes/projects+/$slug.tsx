import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { projectCommentDrives } from '#app/comments/drives.server'
import { CommentDrivesSection } from '#app/comments/project-section'
import { CheckboxField, ErrorSummary, SubmitButton, TextField, useValidatedForm } from '#app/components/forms'
import { anon } from '#app/db/db.server'
import { clientIp, emailKey, retryAfterHeaders, takeAttempt, tooManyAttempts } from '#app/http/rate-limits.server'
import type { MessageKey } from '#app/i18n/en'
import { formatDate, formatEventTime, t } from '#app/i18n/i18n'
import { publishedForProject } from '#app/objections/objections.server'
import { ObjectionsSection } from '#app/objections/project-section'
import { RulesList } from '#app/siting/community-views'
import { ClockWhen, StatusBadge } from '#app/siting/components'
import { findOwnFollow, followAsUser, followByEmail, unfollowAsUser } from '#app/siting/follows.server'
import { NoticeCheckView } from '#app/siting/notice-check-view'
import { getProject, type ProjectDetail } from '#app/siting/projects.server'
import { RecordsRequests } from '#app/siting/records-section'
import { followSchema, REMIND_DAYS } from '#app/siting/schemas'
import { SpeakingDeadlines } from '#app/speakers/project-section'
import { nextSpeakingDeadlines } from '#app/speakers/speakers.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { invariantResponse, notFound } from '#app/utils/responses.server'

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

function projectSlug(params: { slug?: string }) {
	const slug = params.slug ?? ''
	invariantResponse(SLUG.test(slug) && slug.length <= 80)
	return slug
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = projectSlug(params)
	const { user, caller, headers } = await optionalUser(request)
	const project = await getProject(caller, slug)
	if (!project) notFound(headers)
	const follow = user ? await findOwnFollow(caller, user.id, project.id) : null
	// The records requests come in the project's transaction.
	const records = project.requests
	const commentDrives = await projectCommentDrives(caller, project.id)
	const speaking = await nextSpeakingDeadlines(caller, project.id)
	const objections = await publishedForProject(caller, project)
	return data(
		{
			project,
			records,
			commentDrives,
			speaking: speaking.map((deadline) => ({ ...deadline, closesAt: deadline.closesAt.toISOString() })),
			objections,
			now: new Date().toISOString(),
			viewer: user ? { email: user.email ?? '' } : null,
			follow: follow ? { remindDays: follow.remind_days, digest: follow.digest } : null,
		},
		{ headers },
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data
		? [
				{ title: t('project.title', { name: data.project.name }) },
				{ name: 'description', content: `${t(`project.status.${data.project.status}`)} · ${data.project.place}` },
				{ tagName: 'link', rel: 'alternate', type: 'text/calendar', href: `/projects/${data.project.slug}/calendar.ics` },
			]
		: []

export const headers = retryAfterHeaders

export async function action({ request, params, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const slug = projectSlug(params)
	const { user, caller, headers } = await optionalUser(request)
	const project = await getProject(anon, slug)
	if (!project) notFound(headers)
	const formData = await request.formData()
	if (formData.get('intent') === 'unfollow') {
		if (user) await unfollowAsUser(caller, user.id, project.id)
		return redirect(`/projects/${slug}?follow=stopped#follow`, { headers })
	}
	const form = parseForm(formData, followSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	if (user) {
		await followAsUser(caller, user.id, project.id, form.data)
		return redirect(`/projects/${slug}?follow=following#follow`, { headers })
	}
	if (!form.data.email)
		return formError(
			{ email: t('follow.error.email') },
			Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
			headers,
		)
	const ip = clientIp(request, context)
	const attempt = await takeAttempt([
		['follow_ip', ip],
		['follow_email', `${project.id}:${emailKey(form.data.email)}`],
	])
	if (!attempt.allowed) return tooManyAttempts(attempt, { email: form.data.email, intent: 'follow' }, headers)
	await followByEmail(caller, project, form.data.email, form.data)
	return redirect(`/projects/${slug}?follow=sent#follow`, { headers })
}

export default function ProjectPage() {
	const { project, now, records, objections, viewer, commentDrives, speaking } = useLoaderData<typeof loader>()
	const next = project.upcoming[0] ?? null
	const nextProceeding = next ? project.proceedings.find((proceeding) => proceeding.slug === next.proceedingSlug) : null
	const [params] = useSearchParams()
	const editNotice =
		params.get('notice') === 'changed' ? t('projectEdit.edit.applied') : params.get('notice') === 'created' ? t('revisions.created') : null
	return (
		<article className="space-y-10">
			{editNotice ? (
				<p role="status" className="rounded-md bg-action-soft p-3 font-semibold">
					{editNotice}
				</p>
			) : null}
			<header className="space-y-3">
				<p className="text-ink-muted">{t(`project.scope.${project.scope}`)}</p>
				<h1 className="text-3xl leading-tight font-bold sm:text-4xl">{project.name}</h1>
				<p className="flex flex-wrap items-center gap-2 text-lg">
					<StatusBadge status={project.status} unverified={project.statusUnverified} />
					<span>{project.place}</span>
				</p>
				{project.summary ? <p className="max-w-prose text-lg">{project.summary}</p> : null}
			</header>

			<section aria-labelledby="next-heading" className="space-y-3 rounded-lg border-2 border-alert bg-alert-soft p-4">
				<h2 id="next-heading" className="text-xl font-bold">
					{t('project.next.heading')}
				</h2>
				{next ? (
					<>
						<p className="text-lg">
							<strong>{next.label ?? t(`clock.${next.kind}`)}</strong>
							{': '}
							<ClockWhen at={next.dueAt} now={now} timeZone={next.timeZone} allDay={next.allDay} />
						</p>
						<p>{next.proceedingTitle}</p>
						{nextProceeding?.body?.rules ? <TakePart rules={nextProceeding.body.rules} /> : null}
						<p className="flex flex-wrap gap-4">
							<a href="#follow" className="inline-flex min-h-11 items-center font-semibold">
								{t('project.act.follow')}
							</a>
							<a href={`/proceedings/${next.proceedingSlug}/calendar.ics`} className="inline-flex min-h-11 items-center">
								{t('project.proceeding.calendar')}
							</a>
						</p>
					</>
				) : (
					<p>{t('project.next.none')}</p>
				)}
				{project.upcoming.length > 1 ? (
					<details>
						<summary className="min-h-11 cursor-pointer py-2 font-semibold">{t('project.next.more')}</summary>
						<ul className="space-y-1">
							{project.upcoming.slice(1).map((clock) => (
								<li key={clock.id}>
									{clock.label ?? t(`clock.${clock.kind}`)}:{' '}
									<ClockWhen at={clock.dueAt} now={now} timeZone={clock.timeZone} allDay={clock.allDay} />
								</li>
							))}
						</ul>
					</details>
				) : null}
			</section>

			<CommentDrivesSection drives={commentDrives.drives} now={now} newDriveProceedings={commentDrives.newDriveProceedings} />
			<SpeakingDeadlines deadlines={speaking} now={now} />
			<Community project={project} now={now} />
			<FollowForm />
			<Facts project={project} />
			<Proceedings project={project} now={now} signedIn={viewer !== null} />
			<Timeline project={project} />
			<RecordsRequests projectSlug={project.slug} requests={records} today={now.slice(0, 10)} />
			<ObjectionsSection objections={objections} proceedings={project.proceedings} signedIn={viewer !== null} />
			<History project={project} />
		</article>
	)
}

type Rules = NonNullable<NonNullable<ProjectDetail['proceedings'][number]['body']>['rules']>

function TakePart({ rules }: { rules: Rules }) {
	return (
		<ul className="list-disc space-y-1 pl-6">
			{rules.signupHow ? <li>{t('project.act.speak', { how: rules.signupHow })}</li> : null}
			{rules.commentChannels ? <li>{t('project.act.comment', { how: rules.commentChannels })}</li> : null}
		</ul>
	)
}

function Community({ project, now }: { project: ProjectDetail; now: string }) {
	const empty = !project.chapters.length && !project.petitions.length && !project.events.length
	return (
		<section aria-labelledby="community-heading" className="space-y-3">
			<h2 id="community-heading" className="text-2xl font-bold">
				{t('project.community.heading')}
			</h2>
			{empty ? (
				<p>
					{t('project.act.noChapter')} <Link to="/chapters/new">{t('project.act.startChapter')}</Link>
				</p>
			) : (
				<ul className="space-y-2">
					{project.petitions.map((petition) => (
						<li key={petition.slug}>
							<Link to={`/petitions/${petition.slug}`} className="font-semibold">
								{t('project.act.petition', { title: petition.title })}
							</Link>
						</li>
					))}
					{project.events.map((event) => (
						<li key={event.id}>
							<Link to={`/chapters/${event.chapter_slug}/events/${event.id}`} className="font-semibold">
								{t('project.act.event', { title: event.title })}
							</Link>{' '}
							<span className="text-ink-muted">
								{formatEventTime(event.starts_at, event.starts_at, event.time_zone).split(',').slice(0, 3).join(',')}
							</span>
						</li>
					))}
					{project.chapters.map((chapter) => (
						<li key={chapter.slug}>
							<Link to={`/chapters/${chapter.slug}`} className="font-semibold">
								{t('project.act.chapter', { name: chapter.name })}
							</Link>
						</li>
					))}
				</ul>
			)}
			<p className="sr-only">{now}</p>
		</section>
	)
}

const followNotices: Record<string, MessageKey> = {
	sent: 'follow.sent',
	following: 'follow.following',
	stopped: 'follow.stopped',
}

function FollowForm() {
	const { viewer, follow } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const notice = followNotices[params.get('follow') ?? '']
	const defaults = Object.fromEntries(
		REMIND_DAYS.map((days) => [
			`remind${days}`,
			(follow ? follow.remindDays.includes(days) : days === 7 || days === 2 || days === 0) ? 'on' : '',
		]),
	)
	const { register, errors, onSubmit } = useValidatedForm(followSchema, actionData, {
		intent: 'follow',
		email: '',
		digest: follow?.digest ? 'on' : '',
		...defaults,
	})
	const labels: Record<string, string> = { email: t('follow.email.label'), remind7: t('follow.remind.legend') }
	return (
		<section id="follow" aria-labelledby="follow-heading" className="space-y-3 rounded-lg border border-line bg-paper-raised p-4">
			<h2 id="follow-heading" className="text-2xl font-bold">
				{t('follow.heading')}
			</h2>
			<p className="max-w-prose">{t('follow.lead')}</p>
			{notice ? (
				<p role="status" className="rounded-md bg-action-soft p-3 font-semibold">
					{t(notice)}
				</p>
			) : null}
			<Form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
				<ErrorSummary errors={errors} labels={labels} />
				<input type="hidden" name="intent" value="follow" />
				{viewer ? (
					<p>{t('follow.signedIn', { email: viewer.email })}</p>
				) : (
					<TextField
						name="email"
						label={t('follow.email.label')}
						hint={t('follow.email.hint')}
						type="email"
						autoComplete="email"
						error={errors.email}
						register={register}
					/>
				)}
				<fieldset className="space-y-2">
					<legend className="font-semibold">{t('follow.remind.legend')}</legend>
					{errors.remind7 ? (
						<p id="remind7-error" className="font-semibold text-alert">
							{errors.remind7}
						</p>
					) : null}
					<div className="grid gap-1 sm:grid-cols-2">
						{REMIND_DAYS.map((days) => (
							<CheckboxField key={days} name={`remind${days}`} label={t(`follow.remind.${days}`)} register={register} />
						))}
					</div>
					<CheckboxField name="digest" label={t('follow.digest')} register={register} />
				</fieldset>
				<SubmitButton>{t('follow.submit')}</SubmitButton>
			</Form>
			{follow ? (
				<Form method="post">
					<input type="hidden" name="intent" value="unfollow" />
					<button type="submit" className="min-h-11 underline">
						{t('follow.stop')}
					</button>
				</Form>
			) : null}
		</section>
	)
}

function numberText(value: number) {
	return new Intl.NumberFormat('en').format(value)
}

function Facts({ project }: { project: ProjectDetail }) {
	const sourceNumber = new Map(project.sources.map((source, index) => [source.url, index + 1]))
	const endUser =
		project.endUser ?? (project.endUserUndisclosed ? t('project.facts.endUser.undisclosed') : t('project.facts.endUser.unknown'))
	const rows: Array<[string, string]> = []
	if (project.developer) rows.push([t('project.facts.developer'), project.developer])
	rows.push([t('project.facts.endUser'), endUser])
	if (project.nda)
		rows.push([
			t('project.facts.nda'),
			t('project.facts.nda.value', {
				parties: project.nda.parties ?? '',
				signed: project.nda.signedOn ? t('project.facts.nda.signed', { date: formatDate(project.nda.signedOn) }) : '',
				term: project.nda.termMonths ? t('project.facts.nda.term', { months: project.nda.termMonths }) : '',
			}),
		])
	const site = [project.address, project.parcel, project.place].filter(Boolean).join(' · ')
	rows.push([t('project.facts.site'), site])
	if (project.powerUtility || project.powerInfrastructure)
		rows.push([t('project.facts.power'), [project.powerUtility, project.powerInfrastructure].filter(Boolean).join(': ')])
	if (project.waterSource) rows.push([t('project.facts.waterSource'), project.waterSource])
	if (project.aliases.length) rows.push([t('project.facts.aliases'), project.aliases.join(', ')])
	if (project.oppositionGroups.length) rows.push([t('project.facts.groups'), project.oppositionGroups.join(', ')])
	if (project.issues.length)
		rows.push([t('project.facts.issues'), project.issues.map((issue) => t(`project.issue.${issue}` as MessageKey)).join(', ')])
	return (
		<section aria-labelledby="facts-heading" className="space-y-4">
			<h2 id="facts-heading" className="text-2xl font-bold">
				{t('project.facts.heading')}
			</h2>
			{project.figures.length ? (
				<dl className="grid gap-3 sm:grid-cols-2">
					{project.figures.map((figure) => (
						<div key={figure.figure} className="rounded-md border border-line bg-paper-raised p-3">
							<dt className="text-sm text-ink-muted">{t(`project.figure.${figure.figure}`)}</dt>
							<dd className="text-lg font-semibold">
								{t(`project.figure.value.${figure.figure}`, { value: numberText(figure.value ?? 0) })}
								{figure.unverified ? (
									<span className="ml-2 text-sm font-normal text-alert" title={t('project.unverified.explain')}>
										({t('project.unverified')})
									</span>
								) : null}
							</dd>
							<dd className="text-sm">
								{figure.sources.length
									? figure.sources.map((source) => (
											<a
												key={source.url}
												href={`#source-${sourceNumber.get(source.url)}`}
												className="mr-2 inline-flex min-h-11 min-w-11 items-center"
											>
												{t('project.figure.source', { n: sourceNumber.get(source.url) ?? 0 })}
											</a>
										))
									: t('project.figure.noSource')}
							</dd>
						</div>
					))}
				</dl>
			) : (
				<p>{t('project.figures.none')}</p>
			)}
			{project.figures.some((figure) => figure.unverified) ? (
				<p className="text-sm text-ink-muted">{t('project.unverified.explain')}</p>
			) : null}
			<dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
				{rows.map(([label, value]) => (
					<div key={label} className="contents">
						<dt className="font-semibold">{label}</dt>
						<dd>{value}</dd>
					</div>
				))}
			</dl>
			{project.sources.length ? (
				<>
					<h3 className="text-lg font-semibold">{t('project.facts.sources')}</h3>
					<ol className="list-decimal space-y-1 pl-6 text-sm break-words">
						{project.sources.map((source, index) => (
							<li key={source.url} id={`source-${index + 1}`}>
								<a href={source.url} rel="noopener noreferrer nofollow">
									{source.title ?? source.url}
								</a>
								{source.weak ? ` (${t('project.unverified')})` : null}
							</li>
						))}
					</ol>
				</>
			) : null}
			{project.datasetRecordIds.length ? <p className="text-sm text-ink-muted">{t('projects.credit')}</p> : null}
		</section>
	)
}

function Proceedings({ project, now, signedIn }: { project: ProjectDetail; now: string; signedIn: boolean }) {
	return (
		<section aria-labelledby="proceedings-heading" className="space-y-6">
			<h2 id="proceedings-heading" className="text-2xl font-bold">
				{t('project.proceedings.heading')}
			</h2>
			{project.proceedings.length === 0 ? <p>{t('project.proceedings.none')}</p> : null}
			{project.proceedings.map((proceeding) => (
				<section
					key={proceeding.id}
					id={`proceeding-${proceeding.slug}`}
					aria-labelledby={`proceeding-${proceeding.slug}-heading`}
					className="space-y-3 border-l-4 border-line pl-4"
				>
					<h3 id={`proceeding-${proceeding.slug}-heading`} className="text-xl font-semibold">
						{proceeding.title}
					</h3>
					<p className="text-ink-muted">
						{t(`proceeding.kind.${proceeding.kind}`)}: {t(`proceeding.kind.explain.${proceeding.kind}`)}.
					</p>
					<p>
						{proceeding.body ? t('project.proceeding.before', { body: proceeding.body.name }) : t('project.proceeding.noBody')}
						{proceeding.body ? (
							<>
								{' · '}
								<Link to={`/bodies/${proceeding.body.slug}`}>{t('project.proceeding.bodyPage')}</Link>
							</>
						) : null}
						{proceeding.caseNumber ? ` · ${t('project.proceeding.case', { number: proceeding.caseNumber })}` : null}
						{' · '}
						{t('project.proceeding.stage', { stage: t(`proceeding.stage.${proceeding.stage}`) })}
						{proceeding.outcome ? ` · ${t('project.proceeding.outcome', { outcome: proceeding.outcome })}` : null}
						{proceeding.sourceUrl ? (
							<>
								{' · '}
								<a href={proceeding.sourceUrl} rel="noopener noreferrer nofollow">
									{t('project.proceeding.source')}
								</a>
							</>
						) : null}
					</p>
					<h4 className="font-semibold">{t('project.proceeding.dates')}</h4>
					{proceeding.clocks.length ? (
						<ul className="space-y-2">
							{proceeding.clocks.map((clock) => (
								<li key={clock.id}>
									<strong>{clock.label ?? t(`clock.${clock.kind}`)}</strong>:{' '}
									<ClockWhen at={clock.dueAt} now={now} timeZone={proceeding.body?.timeZone ?? 'America/New_York'} allDay={clock.allDay} />
									{clock.place ? ` · ${clock.place}` : null}
									{clock.computed && clock.explanation ? (
										<span className="block text-sm text-ink-muted">
											{t('project.proceeding.computed', { explanation: clock.explanation })}
										</span>
									) : null}
								</li>
							))}
						</ul>
					) : (
						<p>{t('project.proceeding.noDates')}</p>
					)}
					{proceeding.clocks.length ? (
						<p>
							<a href={`/proceedings/${proceeding.slug}/calendar.ics`} className="inline-flex min-h-11 items-center">
								{t('project.proceeding.calendar')}
							</a>
						</p>
					) : null}
					{proceeding.body ? (
						<NoticeCheckView
							noticeRule={proceeding.body.rules?.noticeRule ?? null}
							clocks={proceeding.clocks}
							timeZone={proceeding.body.timeZone}
						/>
					) : null}
					{proceeding.body ? <BodyRulesView body={proceeding.body} /> : null}
					{proceeding.documents.length ? (
						<>
							<h4 className="font-semibold">{t('project.proceeding.documents')}</h4>
							<ul className="list-disc pl-6">
								{proceeding.documents.map((document) => (
									<li key={document.id}>
										{document.url ? (
											<a href={document.url} rel="noopener noreferrer nofollow">
												{document.title}
											</a>
										) : (
											document.title
										)}
									</li>
								))}
							</ul>
						</>
					) : null}
					{signedIn ? (
						<p>
							<Link to={`/proceedings/${proceeding.slug}/votes/new`} className="inline-flex min-h-11 items-center">
								{t('project.proceeding.recordVote')}
							</Link>
						</p>
					) : null}
					{proceeding.votes.length ? (
						<>
							<h4 className="font-semibold">{t('project.proceeding.votes')}</h4>
							<ul className="space-y-2">
								{proceeding.votes.map((vote) => (
									<li key={vote.id}>
										<a href={vote.sourceUrl} rel="noopener noreferrer nofollow">
											{t('project.proceeding.vote', { date: formatDate(vote.heldOn), motion: vote.motion, result: vote.result ?? '' })}
										</a>
										{vote.positions.length ? (
											<ul className="pl-4 text-sm">
												{vote.positions.map((position) => (
													<li key={position.officialSlug}>
														<Link to={`/officials/${position.officialSlug}`}>{position.officialName}</Link>:{' '}
														{t(`vote.position.${position.position}` as MessageKey)}
													</li>
												))}
											</ul>
										) : (
											<p className="text-sm text-ink-muted">{t('project.proceeding.votes.notRecorded')}</p>
										)}
									</li>
								))}
							</ul>
						</>
					) : null}
				</section>
			))}
		</section>
	)
}

function BodyRulesView({ body }: { body: NonNullable<ProjectDetail['proceedings'][number]['body']> }) {
	const rules = body.rules
	return (
		<div className="space-y-2 rounded-md bg-paper-sunk p-3">
			<h4 className="font-semibold">{t('project.rules.heading')}</h4>
			{rules ? <RulesList rules={rules} /> : <p>{t('project.rules.none')}</p>}
			<p className="text-sm">
				{body.website ? (
					<a href={body.website} rel="noopener noreferrer nofollow" className="mr-3">
						{t('project.contact.website')}
					</a>
				) : null}
				{body.email ? <span className="mr-3">{body.email}</span> : null}
				{body.phone ? <span className="mr-3">{body.phone}</span> : null}
				{body.meetingPlace ? (
					<span>
						{t('project.contact.meeting')}: {body.meetingPlace}
					</span>
				) : null}
			</p>
		</div>
	)
}

function Timeline({ project }: { project: ProjectDetail }) {
	return (
		<section aria-labelledby="timeline-heading" className="space-y-3">
			<h2 id="timeline-heading" className="text-2xl font-bold">
				{t('project.timeline.heading')}
			</h2>
			{project.timeline.length ? (
				<ol className="space-y-2 border-l-2 border-line pl-4">
					{project.timeline.map((entry) => (
						<li key={entry.id}>
							<time dateTime={new Date(entry.occurredOn).toISOString().slice(0, 10)} className="font-semibold">
								{formatDate(entry.occurredOn, 'en', 'UTC')}
							</time>
							{': '}
							{entry.source ? (
								<a href={entry.source.url} rel="noopener noreferrer nofollow">
									{entry.title}
								</a>
							) : (
								entry.title
							)}
						</li>
					))}
				</ol>
			) : (
				<p>{t('project.timeline.none')}</p>
			)}
			<p>
				<Link to={`/projects/${project.slug}/timeline`} className="inline-flex min-h-11 items-center">
					{t('timeline.link')}
				</Link>
			</p>
		</section>
	)
}

function History({ project }: { project: ProjectDetail }) {
	return (
		<section aria-labelledby="history-heading" className="space-y-3">
			<h2 id="history-heading" className="text-2xl font-bold">
				{t('project.history.heading')}
			</h2>
			{project.revisions.length ? (
				<ul className="space-y-2 text-sm">
					{project.revisions.map((revision) => (
						<li key={revision.id}>
							{t('project.history.entry', {
								who: revision.author_name || t('project.history.someone'),
								when: formatDate(revision.created_at),
								status: t(`project.revision.status.${revision.status}`),
							})}{' '}
							<a href={revision.source_url} rel="noopener noreferrer nofollow">
								{t('project.proceeding.source')}
							</a>
						</li>
					))}
				</ul>
			) : (
				<p className="text-sm text-ink-muted">
					{project.datasetRecordIds.length ? t('project.history.import') : t('project.history.none')}
				</p>
			)}
			<p className="flex flex-wrap gap-4">
				<Link to={`/projects/${project.slug}/edit`} className="inline-flex min-h-11 items-center">
					{t('projectEdit.edit.link')}
				</Link>
				<Link to={`/projects/${project.slug}/changes`} className="inline-flex min-h-11 items-center">
					{t('revisions.projectLink')}
				</Link>
			</p>
		</section>
	)
}
