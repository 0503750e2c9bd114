import { Link, useSearchParams } from '@remix-run/react'
import { t } from '#app/i18n/i18n'
import { civilText, DeadlineText } from './community-views'
import { fileFacts, recordsFileHref } from './records-files-panel'
import type { RecordsRequestView } from './records.server'

/** The project page's records requests: each with its status, the deadline its state's law sets, and what came back. */
export function RecordsRequests({ projectSlug, requests, today }: { projectSlug: string; requests: RecordsRequestView[]; today: string }) {
	const [params] = useSearchParams()
	return (
		<section id="records" aria-labelledby="requests-heading" className="space-y-3">
			<h2 id="requests-heading" className="text-2xl font-bold">
				{t('records.heading')}
			</h2>
			<p className="max-w-prose">{t('records.lead')}</p>
			{params.get('records') === 'saved' ? (
				<p role="status" className="rounded-md bg-action-soft p-3 font-semibold">
					{t('records.saved')}
				</p>
			) : null}
			{requests.length ? (
				<ul className="space-y-4">
					{requests.map((request) => (
						<li key={request.id} id={`records-${request.id}`} className="space-y-1 border-l-4 border-line pl-4">
							<p>
								<strong>{request.bodyName}</strong>: {request.askedFor}
							</p>
							<p>
								{t('records.item.status', { status: t(`records.status.${request.status}`) })}
								{request.sentOn ? ` · ${t('records.item.sent', { date: civilText(request.sentOn) })}` : null}
								{request.chapter ? ` · ${t('records.item.chapter', { name: request.chapter.name })}` : null}
							</p>
							<p className="text-sm">
								<DeadlineText deadline={request.deadline} today={today} />
							</p>
							{request.outcome ? <p>{t('records.item.outcome', { outcome: request.outcome })}</p> : null}
							{request.documents.length ? (
								<>
									<p className="font-semibold">{t('records.item.documents')}</p>
									<ul className="list-disc pl-6 break-words">
										{request.documents.map((document) => (
											<li key={document.url}>
												<a href={document.url} rel="noopener noreferrer nofollow">
													{document.title}
												</a>
											</li>
										))}
									</ul>
								</>
							) : null}
							{request.files.length ? (
								<>
									<p className="font-semibold">{t('records.item.files')}</p>
									<ul className="list-disc pl-6 break-words">
										{request.files.map((file) => (
											<li key={file.id}>
												<a href={recordsFileHref(projectSlug, request.id, file.id)}>{file.title}</a>{' '}
												<span className="text-sm text-ink-muted">
													({fileFacts(file)}
													{file.shared ? '' : ` · ${t('recordsFiles.held')}`})
												</span>
											</li>
										))}
									</ul>
								</>
							) : null}
							<p>
								<Link to={`/projects/${projectSlug}/records/${request.id}`} className="inline-flex min-h-11 items-center">
									{t('records.edit')}
								</Link>
							</p>
						</li>
					))}
				</ul>
			) : (
				<p>{t('records.none')}</p>
			)}
			<p>
				<Link to={`/projects/${projectSlug}/records/new`} className="inline-flex min-h-11 items-center font-semibold">
					{t('records.track')}
				</Link>
			</p>
		</section>
	)
}
