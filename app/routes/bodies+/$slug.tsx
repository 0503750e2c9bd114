import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { callerFor } from '#app/auth/guards.server'
import { getSessionUser } from '#app/auth/supabase.server'
import { t } from '#app/i18n/i18n'
import { getBody, type BodyPage } from '#app/siting/bodies.server'
import { civilText, RulesList } from '#app/siting/community-views'
import { ClockWhen, StatusBadge } from '#app/siting/components'

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = params.slug ?? ''
	if (!SLUG.test(slug) || slug.length > 80) throw new Response('Not found', { status: 404 })
	const { user, headers } = await getSessionUser(request)
	const body = await getBody(callerFor(user), slug)
	if (!body) throw new Response('Not found', { status: 404 })
	return data({ body, now: new Date().toISOString() }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data
		? [
				{ title: t('body.title', { name: data.body.name }) },
				{ name: 'description', content: `${t(`body.kind.${data.body.kind}`)} · ${data.body.jurisdiction}` },
			]
		: []

export default function BodyRoute() {
	const { body, now } = useLoaderData<typeof loader>()
	return (
		<article className="space-y-10">
			<header className="space-y-2">
				<p className="text-ink-muted">{t(`body.kind.${body.kind}`)}</p>
				<h1 className="text-3xl leading-tight font-bold sm:text-4xl">{body.name}</h1>
				<p className="text-lg">{t('body.jurisdiction', { place: body.jurisdiction })}</p>
			</header>

			<section aria-labelledby="rules-heading" className="space-y-3 rounded-lg border border-line bg-paper-raised p-4">
				<h2 id="rules-heading" className="text-2xl font-bold">
					{t('body.rules.heading')}
				</h2>
				{body.rules ? <RulesList rules={body.rules} /> : <p>{t('body.rules.none')}</p>}
			</section>

			<Proceedings body={body} now={now} />
			<Contact body={body} />
			<Officials body={body} />
		</article>
	)
}

function Contact({ body }: { body: BodyPage }) {
	const any = body.website || body.email || body.phone || body.meetingPlace
	return (
		<section aria-labelledby="contact-heading" className="space-y-3">
			<h2 id="contact-heading" className="text-2xl font-bold">
				{t('body.contact.heading')}
			</h2>
			{any ? (
				<dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[10rem_1fr]">
					{body.website ? (
						<div className="contents">
							<dt className="font-semibold">{t('body.contact.website')}</dt>
							<dd className="break-words">
								<a href={body.website} rel="noopener noreferrer nofollow">
									{body.website}
								</a>
							</dd>
						</div>
					) : null}
					{body.email ? (
						<div className="contents">
							<dt className="font-semibold">{t('body.contact.email')}</dt>
							<dd className="break-words">
								<a href={`mailto:${body.email}`}>{body.email}</a>
							</dd>
						</div>
					) : null}
					{body.phone ? (
						<div className="contents">
							<dt className="font-semibold">{t('body.contact.phone')}</dt>
							<dd>
								<a href={`tel:${body.phone.replace(/[^\d+]/g, '')}`}>{body.phone}</a>
							</dd>
						</div>
					) : null}
					{body.meetingPlace ? (
						<div className="contents">
							<dt className="font-semibold">{t('body.contact.meeting')}</dt>
							<dd>{body.meetingPlace}</dd>
						</div>
					) : null}
				</dl>
			) : (
				<p>{t('body.contact.none')}</p>
			)}
		</section>
	)
}

function Officials({ body }: { body: BodyPage }) {
	return (
		<section aria-labelledby="officials-heading" className="space-y-3">
			<h2 id="officials-heading" className="text-2xl font-bold">
				{t('body.officials.heading')}
			</h2>
			{body.officials.length ? (
				<ul className="space-y-2">
					{body.officials.map((official) => (
						<li key={official.slug}>
							<Link to={`/officials/${official.slug}`} className="font-semibold">
								{official.name}
							</Link>
							{[official.title, official.district].filter(Boolean).length ? (
								<span> · {[official.title, official.district].filter(Boolean).join(', ')}</span>
							) : null}
							{official.termStartsOn || official.termEndsOn ? (
								<span className="block text-sm text-ink-muted">
									{official.termStartsOn && official.termEndsOn
										? t('body.official.term', { from: civilText(official.termStartsOn), to: civilText(official.termEndsOn) })
										: official.termStartsOn
											? t('body.official.termFrom', { from: civilText(official.termStartsOn) })
											: t('body.official.termTo', { to: civilText(official.termEndsOn ?? '') })}
								</span>
							) : null}
						</li>
					))}
				</ul>
			) : (
				<p>{t('body.officials.none')}</p>
			)}
			<p>
				<Link to={`/bodies/${body.slug}/officials/new`} className="inline-flex min-h-11 items-center">
					{t('body.officials.add')}
				</Link>
			</p>
		</section>
	)
}

function Proceedings({ body, now }: { body: BodyPage; now: string }) {
	return (
		<section aria-labelledby="proceedings-heading" className="space-y-3">
			<h2 id="proceedings-heading" className="text-2xl font-bold">
				{t('body.proceedings.heading')}
			</h2>
			{body.proceedings.length ? (
				<ul className="space-y-4">
					{body.proceedings.map((proceeding) => (
						<li key={proceeding.slug} className="space-y-1 border-l-4 border-line pl-4">
							<p>
								<Link to={`/projects/${proceeding.projectSlug}#proceeding-${proceeding.slug}`} className="text-lg font-semibold">
									{proceeding.title}
								</Link>
							</p>
							<p className="flex flex-wrap items-center gap-2">
								<span>{t('body.proceedings.project', { name: proceeding.projectName })}</span>
								<StatusBadge status={proceeding.projectStatus} />
							</p>
							<p className="text-ink-muted">
								{t(`proceeding.kind.${proceeding.kind}`)} ·{' '}
								{t('project.proceeding.stage', { stage: t(`proceeding.stage.${proceeding.stage}`) })}
								{proceeding.caseNumber ? ` · ${t('project.proceeding.case', { number: proceeding.caseNumber })}` : null}
							</p>
							<p>
								{proceeding.next ? (
									<>
										<strong>{t('body.proceedings.next', { what: proceeding.next.label ?? t(`clock.${proceeding.next.kind}`) })}</strong>
										{': '}
										<ClockWhen at={proceeding.next.dueAt} now={now} timeZone={body.timeZone} allDay={proceeding.next.allDay} />
									</>
								) : (
									t('body.proceedings.noDate')
								)}
							</p>
						</li>
					))}
				</ul>
			) : (
				<p>{t('body.proceedings.none')}</p>
			)}
		</section>
	)
}
