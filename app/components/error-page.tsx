import { Link } from '@remix-run/react'
import { t } from '#app/i18n/i18n'

const messages = {
	notFound: { title: 'error.notFound.title', heading: 'error.notFound.heading', body: 'error.notFound.body' },
	tooLarge: { title: 'error.tooLarge.title', heading: 'error.tooLarge.heading', body: 'error.tooLarge.body' },
	server: { title: 'error.server.title', heading: 'error.server.heading', body: 'error.server.body' },
	// 410 Gone: only petitions a moderator took down answer it.
	removed: { title: 'petitions.removed.title', heading: 'petitions.removed.heading', body: 'petitions.removed.body' },
} as const

export function ErrorPage({ kind }: { kind: keyof typeof messages }) {
	const message = messages[kind]
	return (
		<div className="space-y-4">
			<title>{t(message.title)}</title>
			<h1 className="text-3xl font-bold">{t(message.heading)}</h1>
			<p className="max-w-prose text-lg">{t(message.body)}</p>
			<ul className="flex flex-wrap gap-4">
				<li>
					<Link to="/">{t('error.goHome')}</Link>
				</li>
				{kind === 'removed' ? (
					<li>
						<Link to="/petitions">{t('petitions.removed.browse')}</Link>
					</li>
				) : (
					<li>
						<Link to="/chapters">{t('error.seeChapters')}</Link>
					</li>
				)}
			</ul>
		</div>
	)
}
