import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import type { EmailOtpType } from '@supabase/supabase-js'
import { createSupabase } from '#app/auth/supabase.server'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { safeRedirect } from '#app/utils/redirect'

// Every auth email links here: /auth/confirm?token_hash=…&type=…[&next=/path].

export const meta: MetaFunction = () => [{ title: t('auth.confirm.failed.title') }]

const types = ['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email'] as const satisfies readonly EmailOtpType[]

function isOtpType(value: string | null): value is (typeof types)[number] {
	return types.some((type) => type === value)
}

export async function loader({ request }: LoaderFunctionArgs) {
	const params = new URL(request.url).searchParams
	const tokenHash = params.get('token_hash')
	const type = params.get('type')
	const { supabase, headers } = createSupabase(request)
	if (tokenHash && isOtpType(type)) {
		const { error } = await supabase.auth.verifyOtp({ token_hash: tokenHash, type })
		if (!error) {
			const fallback = type === 'recovery' ? '/account/password' : type === 'email_change' ? '/account?email=changed' : '/account?welcome=1'
			const next = type === 'recovery' ? '/account/password' : safeRedirect(params.get('next'), fallback)
			// A new account lands with a welcome; anywhere else they were going, as they were.
			const welcome = type === 'signup' && next === '/account' ? '/account?welcome=1' : next
			return redirect(welcome, { headers })
		}
	}
	return new Response(null, { status: 200, headers })
}

export default function ConfirmFailed() {
	return (
		<div className="max-w-prose space-y-4">
			<PageHeading>{t('auth.confirm.failed.heading')}</PageHeading>
			<p className="text-lg">{t('auth.confirm.failed.body')}</p>
			<ul className="space-y-2">
				<li>
					<Link to="/signin/code">{t('auth.confirm.failed.signIn')}</Link>
				</li>
				<li>
					<Link to="/forgot-password">{t('auth.confirm.failed.forgot')}</Link>
				</li>
			</ul>
		</div>
	)
}
