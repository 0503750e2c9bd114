import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportAccountData } from '#app/account/account.server'
import { requireUser } from '#app/auth/guards.server'

// "Download my data": everything Groundwork holds about the signed-in person, as JSON.
export async function loader({ request }: LoaderFunctionArgs) {
	const { user, caller, supabase, headers } = await requireUser(request)
	const { data: current } = await supabase.auth.getUser()
	const body = await exportAccountData(caller, {
		id: user.id,
		email: current.user?.email ?? user.email,
		createdAt: current.user?.created_at,
		lastSignInAt: current.user?.last_sign_in_at,
	})
	headers.set('Content-Type', 'application/json; charset=utf-8')
	headers.set('Content-Disposition', `attachment; filename="groundwork-my-data-${new Date().toISOString().slice(0, 10)}.json"`)
	headers.set('Cache-Control', 'no-store')
	return new Response(JSON.stringify(body, null, 2), { headers })
}
