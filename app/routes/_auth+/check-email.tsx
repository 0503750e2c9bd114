import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'

export const meta: MetaFunction = () => [{ title: t('auth.checkEmail.title') }]

const kinds = {
	signup: 'auth.checkEmail.signup',
	recovery: 'auth.checkEmail.recovery',
	email_change: 'auth.checkEmail.emailChange',
} as const
type Kind = keyof typeof kinds

function isKind(value: string | null): value is Kind {
	return value !== null && value in kinds
}

export function loader({ request }: LoaderFunctionArgs) {
	const params = new URL(request.url).searchParams
	const kind = params.get('kind')
	return { kind: isKind(kind) ? kind : 'signup', email: (params.get('email') ?? '').slice(0, 254) }
}

export default function CheckEmail() {
	const { kind, email } = useLoaderData<typeof loader>()
	const again = kind === 'recovery' ? '/forgot-password' : kind === 'email_change' ? '/account' : '/signup'
	return (
		<div className="max-w-prose space-y-4">
			<PageHeading>{t('auth.checkEmail.heading')}</PageHeading>
			<p className="text-lg">{t(kinds[kind], { email })}</p>
			<p>{t('auth.checkEmail.spam')}</p>
			<p>
				<Link to={again}>{t('auth.checkEmail.wrongAddress')}</Link>
			</p>
		</div>
	)
}
