import { Link } from '@remix-run/react'
import type { ChapterSummary } from '#app/chapters/chapters.server'
import { t } from '#app/i18n/i18n'

export function ChapterCard({ chapter }: { chapter: ChapterSummary }) {
	return (
		<article className="flex h-full flex-col gap-2 rounded-lg border border-line bg-paper-raised p-5">
			<h3 className="text-lg leading-snug font-semibold">
				<Link to={`/chapters/${chapter.slug}`}>{chapter.name}</Link>
			</h3>
			<p className="text-sm text-ink-muted">
				{chapter.place} · {t('chapters.members', { count: chapter.memberCount })}
				{chapter.visibility === 'private' ? (
					<>
						{' · '}
						<span title={t('chapters.privateHint')}>{t('chapters.private')}</span>
					</>
				) : null}
			</p>
			{chapter.description ? <p className="line-clamp-3">{chapter.description}</p> : null}
		</article>
	)
}
