import { Form, Link, useFormAction } from '@remix-run/react'
import {
	CheckboxField,
	ErrorSummary,
	SelectField,
	SubmitButton,
	TextAreaField,
	TextField,
	useValidatedForm,
	type ActionFailure,
} from '#app/components/forms'
import type { PetitionStatus, SignatureStatus } from '#app/db/types'
import { formatDate, numberFormat, relativeTimeFormat, t } from '#app/i18n/i18n'
import type { PetitionListItem } from './petitions.server'
import { signatureSchema } from './schemas'

/** "in 3 days", "tomorrow", "3 days ago", from the server's clock so the page reads the same after hydration. */
export function relativeDays(date: Date | string, now: Date | string, locale = 'en') {
	const days = Math.round((new Date(date).getTime() - new Date(now).getTime()) / 86_400_000)
	return relativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day')
}

export function formatCount(count: number, locale = 'en') {
	return numberFormat(locale).format(count)
}

export function ProgressBar({ count, goal, label }: { count: number; goal: number; label: string }) {
	const percent = goal > 0 ? Math.min(100, Math.round((count / goal) * 100)) : 0
	return (
		<div>
			<div
				role="progressbar"
				aria-label={label}
				aria-valuemin={0}
				aria-valuemax={goal}
				aria-valuenow={Math.min(count, goal)}
				aria-valuetext={t('petitions.progress.valueText', { count, goal: formatCount(goal), percent: String(percent) })}
				className="h-4 w-full overflow-hidden rounded-full border border-ink-muted bg-paper-sunk"
			>
				<div className="h-full bg-action" style={{ width: `${percent}%` }} />
			</div>
		</div>
	)
}

/** Signatures by status, as organizers and moderators both see them. */
export function SignatureStatusCounts({ counts }: { counts: Record<SignatureStatus, number> }) {
	return (
		<dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
			{(['confirmed', 'pending', 'suspected', 'invalidated'] as const).map((status) => (
				<div key={status} className="rounded-lg border border-line bg-paper-raised p-4">
					<dt className="text-sm text-ink-muted">{t(`petitions.manage.counts.${status}`)}</dt>
					<dd className="text-2xl font-bold tabular-nums">{formatCount(counts[status])}</dd>
				</div>
			))}
		</dl>
	)
}

export function StatusBadge({ status, open }: { status: PetitionStatus; open: boolean }) {
	const key = status === 'published' && !open ? 'petitions.status.ended' : (`petitions.status.${status}` as const)
	const tone = status === 'published' && open ? 'bg-action-soft text-action-hover' : 'bg-paper-sunk text-ink'
	return <span className={`inline-block rounded px-2 py-0.5 text-sm font-semibold ${tone}`}>{t(key)}</span>
}

export const signLabels = {
	name: t('petitions.sign.name'),
	email: t('petitions.sign.email'),
	country: t('petitions.sign.country'),
	postalCode: t('petitions.sign.postalCode'),
	comment: t('petitions.sign.comment'),
}

/**
 * The signing form, on the petition page and in the embeddable version. A
 * plain POST that works without JavaScript; with it, errors show as you go.
 */
export function SignForm({
	petitionId,
	formToken,
	countries,
	actionData,
	action,
	compact = false,
	landAt,
}: {
	petitionId: string
	formToken: string
	countries: Array<{ code: string; name: string }>
	actionData: ActionFailure
	action?: string
	compact?: boolean
	/** The id of the element around the form: without JavaScript the page comes back with errors scrolled there. */
	landAt?: string
}) {
	const here = useFormAction(action)
	const { register, errors, onSubmit } = useValidatedForm(signatureSchema, actionData, {
		petitionId,
		formToken,
		country: 'US',
	})
	return (
		<div>
			<ErrorSummary errors={errors} labels={signLabels} />
			<Form method="post" action={landAt ? `${here}#${landAt}` : action} noValidate onSubmit={onSubmit} className="space-y-5">
				<input type="hidden" {...register('petitionId')} />
				<input type="hidden" {...register('formToken')} />
				<TextField
					name="name"
					label={signLabels.name}
					hint={t('petitions.sign.name.hint')}
					error={errors.name}
					register={register}
					autoComplete="name"
				/>
				<TextField
					name="email"
					type="email"
					label={signLabels.email}
					hint={t('petitions.sign.email.hint')}
					error={errors.email}
					register={register}
					autoComplete="email"
					inputMode="email"
				/>
				<SelectField
					name="country"
					label={signLabels.country}
					error={errors.country}
					register={register}
					options={countries.map((country) => ({ value: country.code, label: country.name }))}
				/>
				<TextField
					name="postalCode"
					label={signLabels.postalCode}
					hint={t('petitions.sign.postalCode.hint')}
					error={errors.postalCode}
					register={register}
					autoComplete="postal-code"
				/>
				{compact ? null : (
					<TextAreaField
						name="comment"
						label={signLabels.comment}
						hint={t('petitions.sign.comment.hint')}
						error={errors.comment}
						register={register}
						rows={3}
					/>
				)}
				<fieldset className="space-y-3">
					<legend className="mb-2 font-semibold">{t('petitions.sign.consent.legend')}</legend>
					<CheckboxField
						name="showName"
						label={t('petitions.sign.showName')}
						hint={t('petitions.sign.showName.hint')}
						register={register}
					/>
					<CheckboxField
						name="wantsUpdates"
						label={t('petitions.sign.wantsUpdates')}
						hint={t('petitions.sign.wantsUpdates.hint')}
						register={register}
					/>
				</fieldset>
				{/* Hidden from people and screen readers; scripts that fill every field fill this one. */}
				<div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
					<label htmlFor="website">{t('petitions.sign.honeypot')}</label>
					<input id="website" type="text" tabIndex={-1} autoComplete="off" {...register('website')} />
				</div>
				<p className="text-sm text-ink-muted">{t('petitions.sign.privacy')}</p>
				<SubmitButton>{t('petitions.sign.submit')}</SubmitButton>
			</Form>
		</div>
	)
}

export function PetitionCard({
	petition,
	now,
}: {
	// As listPetitions gives it; through a loader the deadline arrives as a string.
	petition: Omit<PetitionListItem, 'deadline'> & { deadline: Date | string | null }
	now: string
}) {
	return (
		<article className="flex h-full flex-col gap-3 rounded-lg border border-line bg-paper-raised p-5">
			<div className="flex flex-wrap items-center gap-2">
				<StatusBadge status={petition.status} open={petition.open} />
				{petition.chapterName ? <span className="text-sm text-ink-muted">{petition.chapterName}</span> : null}
			</div>
			<h2 className="text-lg leading-snug font-semibold">
				<Link to={`/petitions/${petition.slug}`}>{petition.title}</Link>
			</h2>
			<p className="text-sm text-ink-muted">{t('petitions.to', { decisionMaker: petition.decisionMaker })}</p>
			<p className="line-clamp-3">{petition.summary}</p>
			<div className="mt-auto space-y-1">
				<ProgressBar count={petition.count} goal={petition.goal} label={t('petitions.progress.label')} />
				<p className="text-sm">
					{t('petitions.progress.short', { count: petition.count, goal: formatCount(petition.goal) })}
					{petition.deadline && petition.open
						? ` · ${t('petitions.deadline.short', { date: formatDate(petition.deadline), relative: relativeDays(petition.deadline, now) })}`
						: ''}
				</p>
			</div>
		</article>
	)
}
