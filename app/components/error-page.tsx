import { Link } from '@remix-run/react'
import { t } from '#app/i18n/i18n'

export function ErrorPage({ kind }: { kind: 'notFound' | 'server' }) {
	return (
		<div className="space-y-4">
			<title>{t(kind === 'notFound' ? 'error.notFound.title' : 'error.server.title')}</title>
			<h1 className="text-3xl font-bold">
				{t(kind === 'notFound' ? 'error.notFound.heading' : 'error.server.heading')}
			</h1>
			<p className="max-w-prose text-lg">{t(kind === 'notFound' ? 'error.notFound.body' : 'error.server.body')}</p>
			<ul className="flex flex-wrap gap-4">
				<li>
					<Link to="/">{t('error.goHome')}</Link>
				</li>
				<li>
					<Link to="/chapters">{t('error.seeChapters')}</Link>
				</li>
			</ul>
		</div>
	)
}
