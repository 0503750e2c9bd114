import { Link } from '@remix-run/react'
import { t } from '#app/i18n/i18n'

/** What to do after signing: tell people, and see the petition. */
export function NextSteps({ slug, title, url }: { slug: string; title: string; url: string }) {
	const text = t('petitions.share.text', { title })
	return (
		<div className="space-y-3">
			<h2 className="text-xl font-bold">{t('petitions.next.heading')}</h2>
			<p>{t('petitions.next.share')}</p>
			<ul className="flex flex-wrap gap-3">
				<li>
					<a
						href={`mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(`${text}\n\n${url}`)}`}
						className="inline-flex min-h-11 items-center rounded-md border border-action px-4 font-semibold no-underline"
					>
						{t('petitions.share.email')}
					</a>
				</li>
				<li>
					<a
						href={`https://wa.me/?text=${encodeURIComponent(`${text} ${url}`)}`}
						rel="noopener noreferrer"
						className="inline-flex min-h-11 items-center rounded-md border border-action px-4 font-semibold no-underline"
					>
						WhatsApp
					</a>
				</li>
			</ul>
			<p>
				<Link to={`/petitions/${slug}`}>{t('petitions.next.back')}</Link>
			</p>
		</div>
	)
}
