import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ErrorSummary, SubmitButton, TextAreaField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { anon } from '#app/db/db.server'
import { formatDateTime, formatTime, t, zoneName } from '#app/i18n/i18n'
import { PracticeTimer } from '#app/speakers/practice-timer'
import { cancelSchema, testimonySchema, wordCount, WORDS_PER_MINUTE } from '#app/speakers/schemas'
import { cancelSpeaker, saveTestimony, slotByToken } from '#app/speakers/speakers.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { notFound } from '#app/utils/responses.server'

// A speaker's own page, reached by the link in every email: their slot and
// estimated time, the testimony they mean to read (saved, readable without
// JavaScript), a practice timer for the body's limit, and dropping out. The
// token in the link is the key: nobody else reads this page.

function tokenOf(request: Request) {
	return new URL(request.url).searchParams.get('token') ?? ''
}

function pageUrl(token: string, extra = '') {
	return `/speakers/slot?token=${encodeURIComponent(token)}${extra}`
}

export async function loader({ request }: LoaderFunctionArgs) {
	const token = tokenOf(request)
	const slot = await slotByToken(anon, token)
	if (!slot) notFound({ 'Cache-Control': 'no-store' })
	const zone = slot.proceeding.timeZone
	return data(
		{
			token,
			speaker: slot.speaker,
			minutes: slot.minutes,
			estimated: slot.estimatedAt ? `${formatTime(slot.estimatedAt, zone)} ${zoneName(slot.estimatedAt, zone)}` : null,
			hearing: {
				label: slot.hearing.label ?? t('clock.hearing'),
				when: formatDateTime(slot.hearing.startsAt, zone),
				place: slot.hearing.place,
				over: slot.hearing.startsAt.getTime() <= Date.now(),
			},
			bodySignup: slot.rules?.signupHow ?? null,
			proceeding: slot.proceeding,
		},
		{ headers: { 'Cache-Control': 'no-store' } },
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? t('speakers.slot.title', { hearing: data.hearing.label }) : t('speakers.slot.invalid') },
	{ name: 'robots', content: 'noindex' },
]

export async function action({ request }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const formData = await request.formData()
	const token = String(formData.get('token') ?? tokenOf(request))
	if (formData.get('intent') === 'cancel') {
		const form = parseForm(formData, cancelSchema)
		if (!form.success) return formError(form.failure.errors, form.failure.values)
		const cancelled = await cancelSpeaker(anon, token)
		if (!cancelled.ok) notFound()
		return redirect(pageUrl(token, '&dropped=1'))
	}
	const form = parseForm(formData, testimonySchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values)
	const saved = await saveTestimony(anon, token, form.data.testimony)
	if (!saved) notFound()
	return redirect(pageUrl(token, '&saved=1#testimony-heading'))
}

function Status({
	speaker,
	estimated,
	minutes,
}: Pick<ReturnType<typeof useLoaderData<typeof loader>>, 'speaker' | 'estimated' | 'minutes'>) {
	switch (speaker.status) {
		case 'listed':
			return (
				<div className="space-y-2 rounded-lg border-2 border-action p-4">
					<p className="text-3xl font-bold">{t('speakers.slot.listed', { slot: speaker.slot ?? 0 })}</p>
					<p className="text-lg">{estimated ? t('speakers.slot.estimated', { time: estimated }) : t('speakers.slot.noEstimate')}</p>
					{estimated ? <p className="text-ink-muted">{t('speakers.slot.estimated.note')}</p> : null}
					{minutes ? <p className="text-lg font-semibold">{t('speakers.slot.minutes', { minutes })}</p> : null}
				</div>
			)
		case 'waitlisted':
			return (
				<div className="space-y-2 rounded-lg border-2 border-line p-4">
					<p className="text-2xl font-bold">{t('speakers.slot.waitlisted', { position: speaker.waitlistPosition ?? 0 })}</p>
					<p>{t('speakers.slot.waitlisted.body')}</p>
				</div>
			)
		case 'pending':
			return <p className="rounded-md bg-alert-soft p-4 font-semibold">{t('speakers.slot.pending')}</p>
		case 'cancelled':
			return <p className="rounded-md bg-alert-soft p-4 font-semibold">{t('speakers.slot.cancelled')}</p>
	}
}

function Testimony({ token, saved, minutes }: { token: string; saved: string; minutes: number | null }) {
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const { register, errors, onSubmit } = useValidatedForm(testimonySchema, actionData, { intent: 'save', testimony: saved })
	const words = wordCount(saved)
	const spokenMinutes = Math.max(1, Math.ceil(words / WORDS_PER_MINUTE))
	const cut = minutes ? words - Math.floor(minutes * WORDS_PER_MINUTE) : 0
	return (
		<section aria-labelledby="testimony-heading" className="space-y-4">
			<h2 id="testimony-heading" className="text-2xl font-bold">
				{t('speakers.testimony.heading')}
			</h2>
			{params.get('saved') ? (
				<p role="status" className="font-semibold">
					{t('speakers.testimony.saved')}
				</p>
			) : null}
			<div className="space-y-2">
				<h3 className="text-lg font-semibold">{t('speakers.testimony.read')}</h3>
				{saved ? (
					<div
						className="max-w-prose rounded-md border border-line bg-paper-raised p-4 text-lg whitespace-pre-wrap"
						data-testid="saved-testimony"
					>
						{saved}
					</div>
				) : (
					<p className="text-ink-muted">{t('speakers.testimony.empty')}</p>
				)}
				{words ? (
					<p>
						{t('speakers.testimony.words', { words, minutes: spokenMinutes })}{' '}
						{minutes && cut > 0 ? <strong>{t('speakers.testimony.over', { limit: minutes, cut })}</strong> : null}
					</p>
				) : null}
			</div>
			<Form method="post" noValidate onSubmit={onSubmit} className="max-w-prose space-y-4 print:hidden">
				<ErrorSummary errors={errors} labels={{ testimony: t('speakers.testimony.label') }} />
				<input type="hidden" name="token" value={token} />
				<input type="hidden" {...register('intent')} />
				<TextAreaField
					name="testimony"
					label={t('speakers.testimony.label')}
					hint={t('speakers.testimony.hint')}
					error={errors.testimony}
					register={register}
					rows={12}
				/>
				<SubmitButton>{t('speakers.testimony.save')}</SubmitButton>
			</Form>
		</section>
	)
}

function DropOut({ token }: { token: string }) {
	const [params] = useSearchParams()
	const asking = params.get('drop') === 'ask'
	return (
		<section aria-labelledby="drop-heading" className="space-y-3 print:hidden">
			<h2 id="drop-heading" className="text-2xl font-bold">
				{t('speakers.cancel.heading')}
			</h2>
			<p>{t('speakers.cancel.lead')}</p>
			{asking ? (
				<Form method="post" className="space-y-3">
					<p className="rounded-md bg-alert-soft p-3">{t('speakers.cancel.confirm')}</p>
					<input type="hidden" name="token" value={token} />
					<input type="hidden" name="intent" value="cancel" />
					<div className="flex flex-wrap items-center gap-4">
						<SubmitButton>{t('speakers.cancel.submit')}</SubmitButton>
						<Link to={pageUrl(token)} className="inline-flex min-h-11 items-center">
							{t('speakers.cancel.keep')}
						</Link>
					</div>
				</Form>
			) : (
				<p>
					<Link to={pageUrl(token, '&drop=ask#drop-heading')} className="inline-flex min-h-11 items-center font-semibold">
						{t('speakers.cancel.ask')}
					</Link>
				</p>
			)}
		</section>
	)
}

export default function SpeakerSlot() {
	const { token, speaker, minutes, estimated, hearing, bodySignup, proceeding } = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	const live = speaker.status !== 'cancelled'
	return (
		<article className="space-y-8">
			<PageHeading lead={t('speakers.slot.for', { hearing: hearing.label, proceeding: proceeding.title })}>
				{t('speakers.slot.heading')}
			</PageHeading>
			{params.get('dropped') ? (
				<p role="status" className="font-semibold">
					{t('speakers.cancel.done')}
				</p>
			) : null}
			<Status speaker={speaker} estimated={estimated} minutes={minutes} />
			<ul className="space-y-1">
				<li>{hearing.when}</li>
				{hearing.place ? <li>{t('speakers.slot.where', { place: hearing.place })}</li> : null}
				<li>
					{speaker.organization
						? t('speakers.slot.asFor', { name: speaker.name, organization: speaker.organization })
						: t('speakers.slot.as', { name: speaker.name })}
					{' · '}
					{t(`speakers.slot.mode.${speaker.mode}`)}
				</li>
				{speaker.hasLetter ? <li>{t('speakers.slot.letter')}</li> : null}
				{bodySignup && live ? <li>{t('speakers.slot.bodySignup', { how: bodySignup })}</li> : null}
			</ul>
			<p className="print:hidden">
				<Link to={`/proceedings/${proceeding.slug}/speakers`}>{t('speakers.back', { name: proceeding.projectName })}</Link>
			</p>
			{live ? <Testimony token={token} saved={speaker.testimony} minutes={minutes} /> : null}
			{live ? <PracticeTimer minutes={minutes} /> : null}
			{live && !hearing.over ? <DropOut token={token} /> : null}
		</article>
	)
}
