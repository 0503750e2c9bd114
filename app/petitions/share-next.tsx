import { Link } from '@remix-run/react'
import { t } from '#app/i18n/i18n'
import { shareLinks } from './share'

/** What to do after signing: tell people (by email or WhatsApp, the two people use from a phone), and see the petition. */
export function NextSteps({ slug, title, url }: { slug: string; title: string; url: string }) {
	const links = shareLinks(title, url).filter((link) => link.channel === 'email' || link.channel === 'whatsapp')
	return (
		<div className="space-y-3">
			<h2 className="text-xl font-bold">{t('petitions.next.heading')}</h2>
			<p>{t('petitions.next.share')}</p>
			<ul className="flex flex-wrap gap-3">
				{links.map((link) => (
					<li key={link.channel}>
						<a
							href={link.href}
							rel={link.channel === 'email' ? undefined : 'noopener noreferrer'}
							className="inline-flex min-h-11 items-center rounded-md border border-action px-4 font-semibold no-underline"
						>
							{link.label}
						</a>
					</li>
				))}
			</ul>
			<p>
				<Link to={`/petitions/${slug}`}>{t('petitions.next.back')}</Link>
			</p>
		</div>
	)
}
