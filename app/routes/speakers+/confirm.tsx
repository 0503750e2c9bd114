import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageHeading } from '#app/components/layout'
import { anon } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { confirmSpeaker } from '#app/speakers/speakers.server'

// The link in the email sent to a visitor who signed up to speak. Opening it
// puts them on the list (or its waitlist); opening it again changes nothing.
export async function loader({ request }: LoaderFunctionArgs) {
	const token = new URL(request.url).searchParams.get('token') ?? ''
	const result = await confirmSpeaker(anon, token)
	return data({ result }, { headers: { 'Cache-Control': 'no-store' } })
}

export const meta: MetaFunction = () => [{ title: t('speakers.confirm.title') }, { name: 'robots', content: 'noindex' }]

export default function ConfirmSpeaker() {
	const { result } = useLoaderData<typeof loader>()
	if (!result) {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading lead={t('speakers.confirm.invalid.body')}>{t('speakers.confirm.invalid')}</PageHeading>
				<p>
					<Link to="/projects">{t('projects.heading')}</Link>
				</p>
			</div>
		)
	}
	if (result.outcome === 'closed') {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading lead={t('speakers.confirm.closed.body')}>{t('speakers.confirm.closed')}</PageHeading>
			</div>
		)
	}
	return (
		<div className="max-w-prose space-y-4">
			<PageHeading>{result.status === 'waitlisted' ? t('speakers.confirm.waitlisted') : t('speakers.confirm.listed')}</PageHeading>
			<p>
				<Link to={result.slotPath} className="text-lg font-semibold">
					{t('speakers.confirm.open')}
				</Link>
			</p>
		</div>
	)
}
