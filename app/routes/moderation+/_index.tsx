import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { requireModerator } from '#app/auth/guards.server'
import { PageHeading } from '#app/components/layout'
import { formatDate, t } from '#app/i18n/i18n'
import { moderationQueue, resolveReport } from '#app/moderation/moderation.server'
import { formatCount } from '#app/petitions/components'
import { requireSameOrigin } from '#app/utils/forms.server'
import { badRequest, notFound } from '#app/utils/responses.server'

export const meta: MetaFunction = () => [{ title: t('moderation.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { caller, headers } = await requireModerator(request)
	const queue = await moderationQueue(caller)
	headers.set('Cache-Control', 'private, no-store')
	return data(queue, { headers })
}

const NOTE_MAX = 1000

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)

export async function action({ request }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { user, caller, headers } = await requireModerator(request)
	const formData = await request.formData()
	const reportId = String(formData.get('reportId') ?? '')
	if (!isUuid(reportId)) notFound(headers)
	const note = String(formData.get('note') ?? '').slice(0, NOTE_MAX)
	const intent = formData.get('intent')
	// A takedown needs a reason and a confirmation: it is made on the petition's page (the queue links there).
	if (intent === 'dismiss') {
		await resolveReport(caller, user.id, reportId, 'dismissed', note)
		return redirect('/moderation?done=dismissed', { headers })
	}
	badRequest('Unknown action')
}

export default function ModerationQueue() {
	const { reports, petitions } = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	const done = params.get('done')
	return (
		<div className="space-y-12">
			<PageHeading lead={t('moderation.lead')}>{t('moderation.heading')}</PageHeading>
			{done ? (
				<p role="status" className="rounded-md border-2 border-action bg-action-soft p-4 font-semibold">
					{t('moderation.done.dismissed')}
				</p>
			) : null}
			<section aria-labelledby="reports-heading" className="space-y-4">
				<h2 id="reports-heading" className="text-2xl font-bold">
					{t('moderation.reports.heading', { count: reports.length })}
				</h2>
				{reports.length === 0 ? (
					<p>{t('moderation.reports.none')}</p>
				) : (
					<ul className="space-y-6">
						{reports.map((report) => (
							<li key={report.id} className="space-y-3 rounded-lg border border-line bg-paper-raised p-4">
								<p className="font-semibold">
									<Link to={`/moderation/petitions/${report.petitionSlug}`}>{report.petitionTitle}</Link>
									{report.petitionHidden ? ` · ${t('moderation.hidden')}` : ''}
								</p>
								<p>
									{report.isAppeal ? t('moderation.appeal') : t(`petitions.report.reason.${report.reason}`)} ·{' '}
									{formatDate(report.createdAt)}
									{report.reporterEmail ? ` · ${report.reporterEmail}` : ''}
								</p>
								{report.details ? <p className="border-l-4 border-line pl-3 whitespace-pre-line">{report.details}</p> : null}
								<Form method="post" className="space-y-3">
									<input type="hidden" name="reportId" value={report.id} />
									<div className="space-y-1">
										<label htmlFor={`note-${report.id}`} className="block font-semibold">
											{t('moderation.reports.note')}
										</label>
										<input
											id={`note-${report.id}`}
											name="note"
											maxLength={NOTE_MAX}
											className="min-h-11 w-full rounded-md border border-ink-muted bg-paper-raised px-3"
										/>
									</div>
									<div className="flex flex-wrap gap-3">
										<button
											type="submit"
											name="intent"
											value="dismiss"
											className="min-h-11 rounded-md border-2 border-action px-4 font-semibold text-action"
										>
											{t('moderation.reports.dismiss')}
										</button>
										{report.petitionHidden ? null : (
											<Link
												to={`/moderation/petitions/${report.petitionSlug}?report=${report.id}#hide-heading`}
												className="inline-flex min-h-11 items-center rounded-md border-2 border-alert px-4 font-semibold text-alert no-underline"
											>
												{t('moderation.reports.hide')}
											</Link>
										)}
									</div>
								</Form>
							</li>
						))}
					</ul>
				)}
			</section>
			<section aria-labelledby="petitions-heading" className="space-y-4">
				<h2 id="petitions-heading" className="text-2xl font-bold">
					{t('moderation.petitions.heading')}
				</h2>
				<p>{t('moderation.petitions.lead')}</p>
				{petitions.length === 0 ? (
					<p>{t('moderation.petitions.none')}</p>
				) : (
					<table className="w-full border-collapse text-left">
						<caption className="sr-only">{t('moderation.petitions.heading')}</caption>
						<thead>
							<tr className="border-b-2 border-ink">
								<th scope="col" className="py-2 pr-4">
									{t('moderation.petitions.petition')}
								</th>
								<th scope="col" className="py-2 pr-4 text-right">
									{t('petitions.manage.counts.confirmed')}
								</th>
								<th scope="col" className="py-2 text-right">
									{t('petitions.manage.counts.suspected')}
								</th>
							</tr>
						</thead>
						<tbody>
							{petitions.map((petition) => (
								<tr key={petition.slug} className="border-b border-line">
									<th scope="row" className="py-2 pr-4 font-normal">
										<Link to={`/moderation/petitions/${petition.slug}`}>{petition.title}</Link>
										{petition.hidden ? ` · ${t('moderation.hidden')}` : ''}
									</th>
									<td className="py-2 pr-4 text-right tabular-nums">{formatCount(petition.confirmed)}</td>
									<td className="py-2 text-right tabular-nums">{formatCount(petition.suspected)}</td>
								</tr>
							))}
						</tbody>
					</table>
				)}
			</section>
		</div>
	)
}
