import { isIP } from 'node:net'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { requireModerator } from '#app/auth/guards.server'
import {
	CheckboxField,
	ErrorSummary,
	SubmitButton,
	TextAreaField,
	TextField,
	useValidatedForm,
	type ActionFailure,
} from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { formatDate, formatDateTime, t } from '#app/i18n/i18n'
import {
	clearSuspected,
	heldSignatureList,
	heldSignatures,
	invalidateSignatures,
	isHoldReason,
	moderatorTimeZone,
	resolveReport,
	setPetitionHidden,
	signatureClusters,
	type Cluster,
	type ClusterKind,
	type HeldSignature,
	type HoldReason,
} from '#app/moderation/moderation.server'
import { formatCount, SignatureStatusCounts } from '#app/petitions/components'
import { valuesOf } from '#app/petitions/forms.server'
import { getPetition } from '#app/petitions/petitions.server'
import { invalidationSchema, takedownSchema } from '#app/petitions/schemas'
import { zonedInstant } from '#app/siting/civil-date'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { badRequest, notFound } from '#app/utils/responses.server'

export const meta: MetaFunction = () => [{ title: t('moderation.petition.title') }]

/** A petition's moderation page: moderators only, and a 404 for a petition there is none of. */
async function moderatedPetition(request: Request, slug: string) {
	const session = await requireModerator(request)
	const petition = await getPetition(session.caller, slug)
	if (!petition) notFound(session.headers)
	return { ...session, petition }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, petition, headers } = await moderatedPetition(request, params.slug ?? '')
	const [{ clusters, statusCounts }, held, heldList, timeZone] = await Promise.all([
		signatureClusters(caller, petition.id),
		heldSignatures(caller, petition.id),
		heldSignatureList(caller, petition.id),
		moderatorTimeZone(caller),
	])
	headers.set('Cache-Control', 'private, no-store')
	const report = new URL(request.url).searchParams.get('report') ?? ''
	return data(
		{
			petition: {
				slug: petition.slug,
				title: petition.title,
				hidden: petition.hidden,
				hiddenReason: petition.hiddenReason,
				status: petition.status,
				open: petition.open,
			},
			clusters,
			statusCounts,
			held,
			heldList,
			timeZone,
			// The report a takedown from the queue resolves.
			reportId: /^[0-9a-f-]{36}$/i.test(report) ? report : '',
		},
		{ headers },
	)
}

/** A datetime-local value, read in the moderator's time zone (the page says which). */
function inZone(value: string, timeZone: string) {
	return value ? zonedInstant(value.slice(0, 10), value.slice(11, 16), timeZone, Number(value.slice(17, 19) || 0)).toISOString() : ''
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { user, caller, petition, headers } = await moderatedPetition(request, params.slug ?? '')
	const formData = await request.formData()
	const intent = formData.get('intent')
	const back = `/moderation/petitions/${petition.slug}`
	if (intent === 'hide') {
		const form = parseForm(formData, takedownSchema)
		if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
		const changed = await setPetitionHidden(caller, petition, true, form.data.reason)
		if (!changed) return formError({ form: t('moderation.hide.failed') }, { ...valuesOf(formData), intent }, headers)
		if (form.data.reportId) await resolveReport(caller, user.id, form.data.reportId, 'actioned', form.data.reason)
		return redirect(`${back}?done=hide`, { headers })
	}
	if (intent === 'unhide') {
		await setPetitionHidden(caller, petition, false, '')
		return redirect(`${back}?done=unhide`, { headers })
	}
	if (intent === 'clear') {
		const ip = String(formData.get('ip') ?? '').trim()
		const reason = formData.get('reason') ?? ''
		if ((ip && !isIP(ip)) || (reason !== '' && !isHoldReason(reason))) badRequest('Bad request', headers)
		const count = await clearSuspected(caller, petition.id, {
			ip,
			domain: String(formData.get('domain') ?? '').slice(0, 255),
			reason: isHoldReason(reason) ? reason : '',
		})
		return redirect(`${back}?cleared=${count}`, { headers })
	}
	const form = parseForm(formData, invalidationSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const timeZone = await moderatorTimeZone(caller)
	const filter = { ...form.data, from: inZone(form.data.from, timeZone), to: inZone(form.data.to, timeZone) }
	if (intent === 'preview') {
		const count = await invalidateSignatures(caller, petition.id, filter, true)
		return data({ preview: { count }, values: valuesOf(formData), errors: undefined }, { headers })
	}
	if (intent === 'invalidate') {
		const count = await invalidateSignatures(caller, petition.id, filter, false)
		return redirect(`${back}?invalidated=${count}`, { headers })
	}
	badRequest('Unknown action')
}

const labels = {
	ip: t('moderation.invalidate.ip'),
	domain: t('moderation.invalidate.domain'),
	postalCode: t('moderation.invalidate.postalCode'),
	from: t('moderation.invalidate.from'),
	to: t('moderation.invalidate.to'),
}

export default function ModeratePetition() {
	const { petition, clusters, statusCounts, held, heldList, timeZone, reportId } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const preview = actionData && 'preview' in actionData ? actionData.preview : null
	const takedownFailure = actionData?.values?.intent === 'hide' ? actionData : undefined
	const { register, errors, onSubmit } = useValidatedForm(invalidationSchema, takedownFailure ? undefined : actionData)
	const zoneHint = t('moderation.invalidate.zone', { zone: timeZone.replaceAll('_', ' ') })
	const invalidated = params.get('invalidated')
	const cleared = params.get('cleared')
	const done = params.get('done')
	return (
		<div className="space-y-12">
			<div className="space-y-3">
				<p>
					<Link to="/moderation">← {t('moderation.heading')}</Link>
				</p>
				<PageHeading lead={t('moderation.petition.lead')}>{petition.title}</PageHeading>
				<p>
					<Link to={`/petitions/${petition.slug}`}>{t('petitions.manage.view')}</Link>
				</p>
				{invalidated !== null ? (
					<p role="status" className="rounded-md border-2 border-action bg-action-soft p-4 font-semibold">
						{t('moderation.invalidate.done', { count: Number(invalidated) })}
					</p>
				) : null}
				{cleared !== null ? (
					<p role="status" className="rounded-md border-2 border-action bg-action-soft p-4 font-semibold">
						{t('moderation.clear.done', { count: Number(cleared) })}
					</p>
				) : null}
				{done ? (
					<p role="status" className="rounded-md border-2 border-action bg-action-soft p-4 font-semibold">
						{done === 'hide' ? t('moderation.done.hidden') : t('moderation.done.unhidden')}
					</p>
				) : null}
			</div>

			<section aria-labelledby="status-heading" className="space-y-3">
				<h2 id="status-heading" className="text-2xl font-bold">
					{t('petitions.manage.counts.heading')}
				</h2>
				<SignatureStatusCounts counts={statusCounts} />
				<p className="text-sm text-ink-muted">{t('moderation.petition.countLag')}</p>
			</section>

			<HeldSection held={held} />
			<HeldList petitionSlug={petition.slug} rows={heldList} timeZone={timeZone} />

			<section aria-labelledby="clusters-heading" className="space-y-6">
				<h2 id="clusters-heading" className="text-2xl font-bold">
					{t('moderation.clusters.heading')}
				</h2>
				<p>{t('moderation.clusters.lead')}</p>
				<ClusterTable kind="ip" rows={clusters.ip} />
				<ClusterTable kind="domain" rows={clusters.domain} />
				<ClusterTable kind="postal_code" rows={clusters.postal_code} />
			</section>

			<section aria-labelledby="invalidate-heading" className="max-w-2xl space-y-4">
				<h2 id="invalidate-heading" className="text-2xl font-bold">
					{t('moderation.invalidate.heading')}
				</h2>
				<p>{t('moderation.invalidate.lead')}</p>
				<ErrorSummary errors={errors} labels={labels} />
				{preview ? (
					<div role="status" className="space-y-3 rounded-md border-2 border-alert bg-alert-soft p-4">
						<p className="font-semibold">{t('moderation.invalidate.preview', { count: preview.count })}</p>
						<Form method="post">
							{Object.entries(actionData?.values ?? {})
								.filter(([name]) => name !== 'intent')
								.map(([name, value]) => (
									<input key={name} type="hidden" name={name} value={value} />
								))}
							<button type="submit" name="intent" value="invalidate" className="min-h-11 rounded-md bg-alert px-4 font-semibold text-white">
								{t('moderation.invalidate.confirm', { count: preview.count })}
							</button>
						</Form>
					</div>
				) : null}
				<Form method="post" noValidate onSubmit={onSubmit} className="space-y-5">
					<input type="hidden" name="intent" value="preview" />
					<TextField name="ip" label={labels.ip} error={errors.ip} register={register} />
					<TextField
						name="domain"
						label={labels.domain}
						hint={t('moderation.invalidate.domain.hint')}
						error={errors.domain}
						register={register}
					/>
					<TextField name="postalCode" label={labels.postalCode} error={errors.postalCode} register={register} />
					<TextField name="from" type="datetime-local" label={labels.from} hint={zoneHint} error={errors.from} register={register} />
					<TextField name="to" type="datetime-local" label={labels.to} hint={zoneHint} error={errors.to} register={register} />
					<CheckboxField name="onlySuspected" label={t('moderation.invalidate.onlySuspected')} register={register} />
					<SubmitButton>{t('moderation.invalidate.previewSubmit')}</SubmitButton>
				</Form>
			</section>

			<TakedownSection petition={petition} reportId={reportId} actionData={takedownFailure} />
		</div>
	)
}

const takedownLabels = { reason: t('moderation.hide.reason'), confirm: t('moderation.hide.confirm') }

/** Take the petition down (a reason and a confirmation required), or put it back as it was. */
function TakedownSection({
	petition,
	reportId,
	actionData,
}: {
	petition: { hidden: boolean; hiddenReason: string; status: string; open: boolean }
	reportId: string
	actionData: ActionFailure
}) {
	const { register, errors, onSubmit } = useValidatedForm(takedownSchema, actionData, { reportId })
	return (
		<section aria-labelledby="hide-heading" className="max-w-2xl space-y-3">
			<h2 id="hide-heading" className="text-2xl font-bold">
				{petition.hidden ? t('moderation.unhide.heading') : t('moderation.hide.heading')}
			</h2>
			{petition.hidden ? (
				<>
					<p>{t('moderation.unhide.takenDownFor', { reason: petition.hiddenReason || '—' })}</p>
					<p>
						{t('moderation.unhide.lead', {
							status: t(
								petition.status === 'published' && !petition.open
									? 'petitions.status.ended'
									: `petitions.status.${petition.status as 'published'}`,
							),
						})}
					</p>
					<Form method="post">
						<button
							type="submit"
							name="intent"
							value="unhide"
							className="min-h-11 rounded-md border-2 border-action px-4 font-semibold text-action"
						>
							{t('moderation.unhide.submit')}
						</button>
					</Form>
				</>
			) : (
				<>
					<p>{t('moderation.hide.lead')}</p>
					<ErrorSummary errors={errors} labels={takedownLabels} />
					<Form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
						<input type="hidden" name="intent" value="hide" />
						<input type="hidden" {...register('reportId')} />
						<TextAreaField
							name="reason"
							label={takedownLabels.reason}
							hint={t('moderation.hide.reason.hint')}
							error={errors.reason}
							register={register}
							rows={3}
						/>
						<CheckboxField name="confirm" label={takedownLabels.confirm} error={errors.confirm} register={register} />
						<button type="submit" className="min-h-11 rounded-md border-2 border-alert px-4 font-semibold text-alert">
							{t('moderation.hide.submit')}
						</button>
					</Form>
				</>
			)}
		</section>
	)
}

function ClusterTable({ kind, rows }: { kind: ClusterKind; rows: Cluster[] }) {
	const caption = t(`moderation.clusters.${kind}`)
	if (rows.length === 0) return null
	const field = kind === 'ip' ? 'ip' : kind === 'domain' ? 'domain' : 'postalCode'
	return (
		<div className="overflow-x-auto">
			<table className="w-full border-collapse text-left">
				<caption className="mb-2 text-left text-lg font-bold">{caption}</caption>
				<thead>
					<tr className="border-b-2 border-ink">
						<th scope="col" className="py-2 pr-4">
							{caption}
						</th>
						<th scope="col" className="py-2 pr-4 text-right">
							{t('moderation.clusters.total')}
						</th>
						<th scope="col" className="py-2 pr-4 text-right">
							{t('petitions.manage.counts.confirmed')}
						</th>
						<th scope="col" className="py-2 pr-4 text-right">
							{t('petitions.manage.counts.suspected')}
						</th>
						<th scope="col" className="py-2 pr-4">
							{t('moderation.clusters.when')}
						</th>
						<th scope="col" className="py-2">
							<span className="sr-only">{t('moderation.clusters.actions')}</span>
						</th>
					</tr>
				</thead>
				<tbody>
					{rows.map((row) => (
						<tr key={row.value} className="border-b border-line">
							<th scope="row" className="py-2 pr-4 font-mono font-normal">
								{row.value || <span className="font-sans">{t('moderation.held.noIp')}</span>}
							</th>
							<td className="py-2 pr-4 text-right tabular-nums">{formatCount(row.total)}</td>
							<td className="py-2 pr-4 text-right tabular-nums">{formatCount(row.confirmed)}</td>
							<td className="py-2 pr-4 text-right tabular-nums">{formatCount(row.suspected)}</td>
							<td className="py-2 pr-4 text-sm">
								{formatDate(row.firstAt)} – {formatDate(row.lastAt)}
							</td>
							<td className="py-2">
								{!row.value && row.suspected > 0 ? (
									<a href="#held-list-heading" className="inline-flex min-h-11 items-center font-semibold">
										{t('moderation.clusters.noIp')}
									</a>
								) : null}
								{row.value ? (
									<div className="flex flex-wrap gap-2">
										<Form method="post">
											<input
												type="hidden"
												name={field}
												value={kind === 'postal_code' ? row.value.split(' ').slice(1).join(' ') : row.value}
											/>
											<button type="submit" name="intent" value="preview" className="min-h-11 font-semibold text-alert underline">
												{t('moderation.clusters.invalidate')}
											</button>
										</Form>
										{row.suspected > 0 && kind !== 'postal_code' ? (
											<Form method="post">
												<input type="hidden" name={field} value={row.value} />
												<button type="submit" name="intent" value="clear" className="min-h-11 font-semibold text-action underline">
													{t('moderation.clusters.clear')}
												</button>
											</Form>
										) : null}
									</div>
								) : null}
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}

function HeldSection({ held }: { held: Array<{ reason: HoldReason; total: number; confirmed: number }> }) {
	return (
		<section aria-labelledby="held-heading" className="space-y-4">
			<h2 id="held-heading" className="text-2xl font-bold">
				{t('moderation.held.heading')}
			</h2>
			<p>{t('moderation.held.lead')}</p>
			{held.length === 0 ? (
				<p>{t('moderation.held.none')}</p>
			) : (
				<>
					<div className="overflow-x-auto">
						<table className="w-full border-collapse text-left">
							<caption className="sr-only">{t('moderation.held.heading')}</caption>
							<thead>
								<tr className="border-b-2 border-ink">
									<th scope="col" className="py-2 pr-4">
										{t('moderation.held.reason')}
									</th>
									<th scope="col" className="py-2 pr-4 text-right">
										{t('moderation.held.total')}
									</th>
									<th scope="col" className="py-2 pr-4 text-right">
										{t('moderation.held.confirmed')}
									</th>
									<th scope="col" className="py-2">
										<span className="sr-only">{t('moderation.clusters.actions')}</span>
									</th>
								</tr>
							</thead>
							<tbody>
								{held.map((row) => (
									<tr key={row.reason} className="border-b border-line">
										<th scope="row" className="py-2 pr-4 font-normal">
											{t(`moderation.held.${row.reason}`)}
										</th>
										<td className="py-2 pr-4 text-right tabular-nums">{formatCount(row.total)}</td>
										<td className="py-2 pr-4 text-right tabular-nums">{formatCount(row.confirmed)}</td>
										<td className="py-2">
											<Form method="post">
												<input type="hidden" name="reason" value={row.reason} />
												<button type="submit" name="intent" value="clear" className="min-h-11 font-semibold text-action underline">
													{t('moderation.held.release')}
												</button>
											</Form>
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
					<Form method="post">
						<button
							type="submit"
							name="intent"
							value="clear"
							className="min-h-11 rounded-md border-2 border-action px-4 font-semibold text-action"
						>
							{t('moderation.held.releaseAll')}
						</button>
					</Form>
				</>
			)}
		</section>
	)
}

function HeldList({ petitionSlug, rows, timeZone }: { petitionSlug: string; rows: HeldSignature[]; timeZone: string }) {
	if (rows.length === 0) return null
	return (
		<section aria-labelledby="held-list-heading" className="space-y-4">
			<h2 id="held-list-heading" className="text-2xl font-bold">
				{t('moderation.held.list.heading')}
			</h2>
			<p>{t('moderation.held.list.lead')}</p>
			<div className="overflow-x-auto">
				<table className="w-full border-collapse text-left">
					<caption className="sr-only">{t('moderation.held.list.heading')}</caption>
					<thead>
						<tr className="border-b-2 border-ink">
							<th scope="col" className="py-2 pr-4">
								{t('moderation.held.list.when')}
							</th>
							<th scope="col" className="py-2 pr-4">
								{t('moderation.held.reason')}
							</th>
							<th scope="col" className="py-2 pr-4">
								{t('moderation.held.list.network')}
							</th>
							<th scope="col" className="py-2 pr-4">
								{t('moderation.held.list.domain')}
							</th>
							<th scope="col" className="py-2 pr-4">
								{t('moderation.held.list.place')}
							</th>
							<th scope="col" className="py-2 pr-4">
								{t('moderation.held.confirmed')}
							</th>
							<th scope="col" className="py-2">
								<span className="sr-only">{t('moderation.clusters.actions')}</span>
							</th>
						</tr>
					</thead>
					<tbody>
						{rows.map((row) => (
							<tr key={row.id} className="border-b border-line">
								<th scope="row" className="py-2 pr-4 font-normal">
									{formatDateTime(row.createdAt, timeZone)}
								</th>
								<td className="py-2 pr-4 text-sm">{row.reason ? t(`moderation.held.${row.reason}`) : '—'}</td>
								<td className="py-2 pr-4 font-mono text-sm">{row.ip ?? t('moderation.held.noIp')}</td>
								<td className="py-2 pr-4 font-mono text-sm">{row.emailDomain}</td>
								<td className="py-2 pr-4 text-sm">{row.place}</td>
								<td className="py-2 pr-4 text-sm">{row.confirmed ? t('moderation.held.list.yes') : t('moderation.held.list.no')}</td>
								<td className="py-2">
									<Link
										to={`/moderation/petitions/${petitionSlug}/signatures/${row.id}`}
										className="inline-flex min-h-11 items-center font-semibold"
									>
										{t('moderation.held.list.open', { id: row.id })}
									</Link>
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</section>
	)
}
