import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { requireSameOrigin } from '#app/utils/forms.server'

export const meta: MetaFunction = () => [{ title: t('auth.signOut.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { user, headers } = await optionalUser(request)
	if (!user) throw redirect('/', { headers })
	return null
}

export async function action({ request }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const scope = (await request.formData()).get('scope') === 'global' ? 'global' : 'local'
	const { supabase, headers } = await optionalUser(request)
	await supabase.auth.signOut({ scope })
	return redirect('/?signedOut=1', { headers })
}

export default function SignOut() {
	return (
		<div className="max-w-prose space-y-6">
			<PageHeading>{t('auth.signOut.heading')}</PageHeading>
			<Form method="post">
				<button
					type="submit"
					name="scope"
					value="local"
					className="min-h-11 rounded-md bg-action px-5 py-2 text-lg font-semibold text-white hover:bg-action-hover"
				>
					{t('auth.signOut.thisDevice')}
				</button>
			</Form>
			<Form method="post" className="space-y-2">
				<p>{t('auth.signOut.everywhereHint')}</p>
				<button
					type="submit"
					name="scope"
					value="global"
					className="min-h-11 rounded-md border-2 border-action px-5 py-2 text-lg font-semibold text-action hover:bg-action-soft"
				>
					{t('auth.signOut.everywhere')}
				</button>
			</Form>
		</div>
	)
}
