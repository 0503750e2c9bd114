import { Link } from '@remix-run/react'
import { formatDate, t } from '#app/i18n/i18n'

// The project page's formal objections: filed ones the chapters published,
// and for signed-in people a way to start one on each proceeding.

export type ProjectObjection = {
	id: string
	subject: string
	signer_count: number
	filed_at: Date | null
	outcome: string | null
	chapter_name: string
	proceeding_title: string
}

export function ObjectionsSection({
	objections,
	proceedings,
	signedIn,
}: {
	objections: ProjectObjection[]
	proceedings: Array<{ slug: string; title: string }>
	signedIn: boolean
}) {
	if (objections.length === 0 && (!signedIn || proceedings.length === 0)) return null
	return (
		<section aria-labelledby="objections-heading" className="space-y-4">
			<h2 id="objections-heading" className="text-2xl font-bold">
				{t('objection.public.heading')}
			</h2>
			{objections.length ? (
				<ul className="space-y-3">
					{objections.map((objection) => (
						<li key={objection.id} className="rounded-md border border-line p-4">
							<h3 className="text-lg font-semibold">
								<Link to={`/objections/${objection.id}`}>{objection.subject}</Link>
							</h3>
							<p className="text-ink-muted">
								{objection.proceeding_title} ·{' '}
								{t('objection.public.by', {
									chapter: objection.chapter_name,
									date: objection.filed_at ? formatDate(objection.filed_at) : '',
								})}{' '}
								· {t('objection.public.signers', { count: objection.signer_count })}
							</p>
							{objection.outcome ? <p>{t('objection.public.outcome', { outcome: objection.outcome })}</p> : null}
						</li>
					))}
				</ul>
			) : null}
			{signedIn ? (
				<ul className="space-y-1">
					{proceedings.map((proceeding) => (
						<li key={proceeding.slug}>
							<Link to={`/proceedings/${proceeding.slug}/objections/new`}>
								{t('objection.proceeding.start')}: {proceeding.title}
							</Link>
						</li>
					))}
				</ul>
			) : null}
			<p>
				<Link to="/objections">{t('objection.worked.heading')}</Link>
			</p>
		</section>
	)
}
