import { Form, Link, useFetcher } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { CheckboxField, ErrorSummary, SubmitButton, TextAreaField, TextField, useValidatedForm } from '#app/components/forms'
import { t } from '#app/i18n/i18n'
import { LengthCheck, PersonalMeter, type MeterReading } from './meter'
import { characterCount, commentSchema, type CommentRules } from './schemas'

// The commenter's form: who they are and where they live (their standing),
// then their comment, started from the template or from blank, with prompts
// for their own experience, a live length check and the personalization
// meter. Without JavaScript "Check my comment" asks the server for both and
// keeps everything typed.

export type CommentCheck = MeterReading & { count: number; outside: boolean; placeLabel: string | null }

export type CommentFormData = { errors?: Record<string, string>; values?: Record<string, string>; check?: CommentCheck } | undefined

export type CommentFormDrive = CommentRules & {
	slug: string
	template: string
	bodyName: string
}

const NUDGE_BELOW = 0.4

export function CommentForm({
	drive,
	actionData,
	start,
}: {
	drive: CommentFormDrive
	actionData: CommentFormData
	start: 'template' | 'blank'
}) {
	const schema = commentSchema(drive)
	const startText = start === 'template' && !drive.signOn ? drive.template : ''
	const { register, errors, onSubmit } = useValidatedForm(schema, actionData, { body: startText, startedFrom: start })
	const typed = actionData?.values?.body ?? startText
	const [text, setText] = useState(typed)
	useEffect(() => setText(typed), [typed])
	const meter = useFetcher<{ ownWords: number; nearDuplicate: boolean }>()
	const [live, setLive] = useState<MeterReading | null>(null)
	const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
	const measuredOnce = useRef(false)
	const { submit, data } = meter
	useEffect(() => {
		if (drive.signOn) return
		if (timer.current) clearTimeout(timer.current)
		if (!measuredOnce.current && text === typed && actionData?.check) return
		measuredOnce.current = true
		timer.current = setTimeout(() => {
			if (text.trim() === '') setLive(null)
			else submit({ body: text }, { method: 'post', action: `/comments/${drive.slug}/meter` })
		}, 600)
		return () => {
			if (timer.current) clearTimeout(timer.current)
		}
	}, [text, drive.slug, drive.signOn, submit, typed, actionData?.check])
	useEffect(() => {
		if (data) setLive({ ownWords: data.ownWords, nearDuplicate: data.nearDuplicate })
	}, [data])
	const reading =
		live ?? (actionData?.check ? { ownWords: actionData.check.ownWords, nearDuplicate: actionData.check.nearDuplicate } : null)
	const bodyField = register('body')
	const labels = {
		name: drive.federal ? t('comments.write.firstName') : t('comments.write.name'),
		familyName: t('comments.write.familyName'),
		email: t('comments.write.email'),
		address: t('comments.write.address'),
		postalCode: t('comments.write.postalCode'),
		organization: t('comments.write.organization'),
		anonymous: t('comments.write.anonymous'),
		body: t('comments.write.body'),
		consent: t('comments.write.consent', { body: drive.bodyName }),
	}
	const required = new Set(drive.requiredFields)
	return (
		<Form method="post" noValidate onSubmit={onSubmit} className="max-w-2xl space-y-5" id="comment-form">
			<ErrorSummary errors={errors} labels={labels} />
			<input type="hidden" {...register('startedFrom')} />
			<fieldset className="space-y-5">
				<legend className="mb-2 text-xl font-bold">{t('comments.write.about')}</legend>
				<p className="text-sm text-ink-muted">{t('comments.write.aboutHint', { body: drive.bodyName })}</p>
				<TextField
					name="name"
					label={labels.name}
					error={errors.name}
					register={register}
					autoComplete={drive.federal ? 'given-name' : 'name'}
				/>
				{drive.federal ? (
					<TextField name="familyName" label={labels.familyName} error={errors.familyName} register={register} autoComplete="family-name" />
				) : null}
				<TextField
					name="email"
					type="email"
					label={labels.email}
					hint={t('comments.write.emailHint')}
					error={errors.email}
					register={register}
					autoComplete="email"
				/>
				<TextField
					name="address"
					label={required.has('address') ? labels.address : t('comments.write.addressOptional')}
					hint={t('comments.write.addressHint')}
					error={errors.address}
					register={register}
					autoComplete="street-address"
				/>
				<TextField
					name="postalCode"
					label={required.has('postal_code') ? labels.postalCode : t('comments.write.postalCodeOptional')}
					hint={t('comments.write.postalCodeHint')}
					error={errors.postalCode}
					register={register}
					autoComplete="postal-code"
					inputMode="numeric"
					className="max-w-40"
				/>
				{actionData?.check?.outside ? (
					<p className="font-semibold text-alert" role="status">
						{t('comments.write.outside', { place: actionData.check.placeLabel ?? '', body: drive.bodyName })}
					</p>
				) : null}
				<TextField
					name="organization"
					label={required.has('organization') ? labels.organization : t('comments.write.organizationOptional')}
					error={errors.organization}
					register={register}
					autoComplete="organization"
				/>
				{drive.anonymousAllowed ? (
					<CheckboxField name="anonymous" label={labels.anonymous} hint={t('comments.write.anonymousHint')} register={register} />
				) : null}
			</fieldset>

			{drive.signOn ? (
				<section className="space-y-2">
					<h2 className="text-xl font-bold">{t('comments.write.letter')}</h2>
					<p className="rounded-md border border-ink-muted bg-paper-raised p-4 whitespace-pre-wrap">{drive.template}</p>
					<input type="hidden" name="body" value="" />
				</section>
			) : (
				<section className="space-y-3" aria-labelledby="comment-heading">
					<h2 id="comment-heading" className="text-xl font-bold">
						{t('comments.write.yours')}
					</h2>
					{drive.template ? (
						<p className="flex flex-wrap gap-x-4 gap-y-2">
							<span>{t('comments.write.startWith')}</span>
							<Link to={`/comments/${drive.slug}?start=template#comment-form`} aria-current={start === 'template' ? 'true' : undefined}>
								{t('comments.write.startTemplate')}
							</Link>
							<Link to={`/comments/${drive.slug}?start=blank#comment-form`} aria-current={start === 'blank' ? 'true' : undefined}>
								{t('comments.write.startBlank')}
							</Link>
						</p>
					) : null}
					<div className="rounded-md bg-paper-raised p-4">
						<p className="font-semibold">{t('comments.write.prompts')}</p>
						<ul className="list-disc pl-5">
							<li>{t('comments.write.prompt.home')}</li>
							<li>{t('comments.write.prompt.water')}</li>
							<li>{t('comments.write.prompt.bills')}</li>
							<li>{t('comments.write.prompt.health')}</li>
							<li>{t('comments.write.prompt.work')}</li>
						</ul>
					</div>
					<TextAreaField
						name="body"
						label={labels.body}
						hint={t('comments.write.bodyHint', { max: drive.maxChars })}
						error={errors.body}
						register={() => ({
							...bodyField,
							onChange: (event) => {
								setText(String((event.target as HTMLTextAreaElement).value))
								return bodyField.onChange(event)
							},
						})}
						rows={14}
					/>
					<LengthCheck count={characterCount(text)} max={drive.maxChars} min={drive.minChars} />
					<PersonalMeter reading={reading} nudgeBelow={NUDGE_BELOW} />
					<noscript>
						<button
							type="submit"
							name="intent"
							value="check"
							className="inline-flex min-h-11 items-center justify-center rounded-md border-2 border-action px-5 py-2 font-semibold text-action"
						>
							{t('comments.write.check')}
						</button>
					</noscript>
				</section>
			)}

			<CheckboxField name="consent" label={labels.consent} hint={t('comments.write.consentHint')} register={register} />
			{errors.consent ? <p className="font-semibold text-alert">{errors.consent}</p> : null}
			<SubmitButton name="intent" value="submit">
				{drive.signOn ? t('comments.write.sign') : t('comments.write.submit')}
			</SubmitButton>
		</Form>
	)
}
