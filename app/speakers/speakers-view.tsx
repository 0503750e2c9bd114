import { Form, Link } from '@remix-run/react'
import { describedBy, ErrorSummary, FieldNotes, SubmitButton, TextField, useValidatedForm, type ActionFailure } from '#app/components/forms'
import type { MessageKey } from '#app/i18n/en'
import { formatDateTime, formatRelative, formatTime, t, zoneName } from '#app/i18n/i18n'
import { RulesList } from '#app/siting/community-views'
import { letterRule, signUpSchema, visitorSignUpSchema } from './schemas'
import type { SpeakerRules } from './speakers.server'

// The speakers' page of a proceeding: the body's rules for speakers, each
// hearing with its counts and deadline, and the sign-up form.

/** A hearing as the page gets it from the loader (dates as strings). */
export type HearingView = {
	clockId: string
	label: string | null
	startsAt: string
	allDay: boolean
	place: string | null
	closesAt: string
	open: boolean
	places: number | null
	listed: number
	waitlisted: number
	full: boolean
	after: string | null
	listStartsAt: string
}

export type OwnView = { clockId: string; status: string; slot: number | null; slotPath: string }

export type RulesView = Omit<SpeakerRules, 'checkedOn'> & { checkedOn: string }

function clockTime(at: string, zone: string) {
	return `${formatTime(at, zone)} ${zoneName(at, zone)}`
}

export function SpeakerRulesView({ rules, bodyName }: { rules: RulesView | null; bodyName: string | null }) {
	return (
		<section aria-labelledby="rules-heading" className="space-y-2">
			<h2 id="rules-heading" className="text-2xl font-bold">
				{t('speakers.rules.heading')}
			</h2>
			{!bodyName ? (
				<p>{t('speakers.noBody')}</p>
			) : rules ? (
				<>
					<RulesList rules={{ ...rules, checkedOn: new Date(rules.checkedOn) }} />
					<p>
						{rules.remoteTestimony === true
							? t('speakers.rules.remote.yes')
							: rules.remoteTestimony === false
								? t('speakers.rules.remote.no')
								: t('speakers.rules.remote.unknown')}
					</p>
				</>
			) : (
				<p>{t('speakers.rules.none', { body: bodyName })}</p>
			)}
		</section>
	)
}

export function HearingSummary({
	hearing,
	zone,
	now,
	own,
	organizerListPath,
}: {
	hearing: HearingView
	zone: string
	now: string
	own: OwnView | undefined
	organizerListPath: string | null
}) {
	const label = hearing.label ?? t('clock.hearing')
	return (
		<section
			id={`hearing-${hearing.clockId}`}
			aria-labelledby={`hearing-${hearing.clockId}-heading`}
			className="space-y-2 border-l-4 border-line pl-4"
		>
			<h3 id={`hearing-${hearing.clockId}-heading`} className="text-xl font-semibold">
				{t('speakers.hearing.when', { label, when: formatDateTime(hearing.startsAt, zone) })}
			</h3>
			{hearing.place ? <p>{hearing.place}</p> : null}
			{hearing.allDay ? (
				<p>{t('speakers.hearing.noTime')}</p>
			) : hearing.open ? (
				<p className="font-semibold">
					{t('speakers.hearing.closes', { when: formatDateTime(hearing.closesAt, zone), relative: formatRelative(hearing.closesAt, now) })}
				</p>
			) : (
				<p className="font-semibold">{t('speakers.hearing.closed', { when: formatDateTime(hearing.closesAt, zone) })}</p>
			)}
			<p>
				{t('speakers.hearing.counts', { listed: hearing.listed, waiting: hearing.waitlisted })}{' '}
				{hearing.places ? t('speakers.hearing.places', { places: hearing.places }) : null}
			</p>
			{hearing.after ? (
				<p className="text-ink-muted">
					{t('speakers.hearing.after', { title: hearing.after, time: clockTime(hearing.listStartsAt, zone) })}
				</p>
			) : null}
			{hearing.open && hearing.full ? <p>{t('speakers.hearing.full')}</p> : null}
			{own ? (
				<p className="rounded-md bg-action-soft p-3">
					{own.status === 'listed'
						? t('speakers.hearing.yours', { slot: own.slot ?? 0 })
						: own.status === 'waitlisted'
							? t('speakers.hearing.yoursWaiting')
							: t('speakers.hearing.yoursPending')}{' '}
					<Link to={own.slotPath} className="font-semibold">
						{t('speakers.hearing.open')}
					</Link>
				</p>
			) : null}
			{organizerListPath ? (
				<p>
					<Link to={organizerListPath}>{t('speakers.hearing.printList')}</Link>
				</p>
			) : null}
		</section>
	)
}

const FIELD_LABELS: Record<string, MessageKey> = {
	clockId: 'speakers.form.hearing',
	name: 'speakers.form.name',
	email: 'speakers.form.email',
	organization: 'speakers.form.organization',
	letter: 'speakers.form.letter',
	mode: 'speakers.form.mode',
}

export function SignUpForm({
	hearings,
	zone,
	rules,
	viewer,
	actionData,
	redirectTo,
}: {
	hearings: HearingView[]
	zone: string
	rules: RulesView | null
	viewer: { email: string; name: string } | null
	actionData: ActionFailure
	redirectTo: string
}) {
	const open = hearings.filter((hearing) => hearing.open)
	const { register, errors, onSubmit } = useValidatedForm(viewer ? signUpSchema : visitorSignUpSchema, actionData, {
		intent: 'sign-up',
		clockId: open[0]?.clockId ?? '',
		name: viewer?.name ?? '',
		email: '',
		organization: '',
		mode: 'in_person',
	})
	if (open.length === 0) return null
	const labels = Object.fromEntries(Object.entries(FIELD_LABELS).map(([field, key]) => [field, t(key)]))
	const authorization = rules?.representativeAuthorization ?? null
	const modes = rules?.remoteTestimony ? (['in_person', 'remote'] as const) : (['in_person'] as const)
	const chosen = actionData?.values?.clockId ?? open[0]?.clockId
	const full = open.find((hearing) => hearing.clockId === chosen)?.full ?? false
	return (
		<section aria-labelledby="signup-heading" className="space-y-4">
			<h2 id="signup-heading" className="text-2xl font-bold">
				{t('speakers.form.heading')}
			</h2>
			<Form
				method="post"
				noValidate
				encType={viewer && authorization ? 'multipart/form-data' : undefined}
				onSubmit={onSubmit}
				className="max-w-md space-y-5"
			>
				<ErrorSummary errors={errors} labels={labels} />
				<input type="hidden" {...register('intent')} />
				{open.length === 1 ? (
					<input type="hidden" {...register('clockId')} />
				) : (
					<fieldset className="space-y-2" aria-describedby={describedBy('clockId', null, errors.clockId)}>
						<legend className="font-semibold">{t('speakers.form.hearing')}</legend>
						<FieldNotes id="clockId" error={errors.clockId} />
						{open.map((hearing) => {
							const { defaultValue, ...field } = register('clockId')
							return (
								<label key={hearing.clockId} className="flex min-h-11 items-center gap-3">
									<input
										type="radio"
										value={hearing.clockId}
										defaultChecked={defaultValue === hearing.clockId}
										className="h-5 w-5"
										{...field}
									/>
									<span>
										{t('speakers.hearing.when', {
											label: hearing.label ?? t('clock.hearing'),
											when: formatDateTime(hearing.startsAt, zone),
										})}
									</span>
								</label>
							)
						})}
					</fieldset>
				)}
				<TextField
					name="name"
					label={t('speakers.form.name')}
					hint={t('speakers.form.name.hint')}
					error={errors.name}
					register={register}
					autoComplete="name"
				/>
				{viewer ? (
					<p>{t('speakers.form.signedInAs', { email: viewer.email })}</p>
				) : (
					<TextField
						name="email"
						type="email"
						label={t('speakers.form.email')}
						hint={t('speakers.form.email.hint')}
						error={errors.email}
						register={register}
						autoComplete="email"
					/>
				)}
				<TextField
					name="organization"
					label={t('speakers.form.organization')}
					hint={
						rules?.representativeMinutes
							? t('speakers.form.organization.hint.minutes', { minutes: rules.representativeMinutes })
							: t('speakers.form.organization.hint')
					}
					error={errors.organization}
					register={register}
					autoComplete="organization"
				/>
				{authorization ? (
					viewer ? (
						<div className="space-y-1">
							<label htmlFor="letter" className="block font-semibold">
								{t('speakers.form.letter')}
							</label>
							<FieldNotes id="letter" hint={t('speakers.form.letter.hint', { what: authorization })} error={errors.letter} />
							<input
								id="letter"
								name={letterRule.field}
								type="file"
								accept={letterRule.types.join(',')}
								aria-describedby={describedBy('letter', true, errors.letter)}
								aria-invalid={errors.letter ? true : undefined}
								className="block min-h-11 w-full"
							/>
						</div>
					) : (
						<p className="text-ink-muted">{t('speakers.form.letter.signin', { what: authorization })}</p>
					)
				) : null}
				<fieldset className="space-y-2" aria-describedby={describedBy('mode', null, errors.mode)}>
					<legend className="font-semibold">{t('speakers.form.mode')}</legend>
					<FieldNotes id="mode" error={errors.mode} />
					{modes.map((mode) => {
						const { defaultValue, ...field } = register('mode')
						return (
							<label key={mode} className="flex min-h-11 items-center gap-3">
								<input type="radio" value={mode} defaultChecked={defaultValue === mode} className="h-5 w-5" {...field} />
								<span>{t(`speakers.form.mode.${mode}`)}</span>
							</label>
						)
					})}
				</fieldset>
				<SubmitButton>{full ? t('speakers.form.waitlist') : t('speakers.form.submit')}</SubmitButton>
				{viewer ? null : (
					<p>
						<Link to={`/signin?redirectTo=${encodeURIComponent(redirectTo)}`}>{t('speakers.form.signin')}</Link>
					</p>
				)}
			</Form>
		</section>
	)
}
