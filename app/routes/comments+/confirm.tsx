import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { confirmComment } from '#app/comments/comments.server'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'

// The link in the confirmation email. Opening it confirms the comment (once;
// again is harmless) and shows the writer their comment and where it stands.

export async function loader({ request }: LoaderFunctionArgs) {
	const { caller, headers } = await optionalUser(request)
	const token = new URL(request.url).searchParams.get('token')
	const confirmed = await confirmComment(caller, token)
	if (!confirmed) return data({ ok: false }, { status: 404, headers })
	return redirect(`/comments/mine?token=${encodeURIComponent(confirmed.token)}&confirmed=${confirmed.outcome}`, { headers })
}

export const meta: MetaFunction = () => [{ title: t('comments.confirm.unknownTitle') }]

export default function ConfirmComment() {
	return (
		<div className="max-w-prose space-y-4">
			<PageHeading>{t('comments.confirm.unknownTitle')}</PageHeading>
			<p className="text-lg">{t('comments.confirm.unknown')}</p>
			<p>
				<Link to="/projects">{t('comments.confirm.projects')}</Link>
			</p>
		</div>
	)
}
