import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/guards.server'
import { memberHome, nearYouSection } from '#app/home/home.server'
import { MemberHomePage } from '#app/home/member-home-page'
import { t } from '#app/i18n/i18n'

export const meta: MetaFunction = () => [{ title: t('myHome.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { caller, headers } = await requireUser(request)
	const home = await memberHome(caller)
	const near = await nearYouSection(caller, request, home.postalCode)
	return data({ home, ...near, now: new Date() }, { headers })
}

export default function Home() {
	const loaded = useLoaderData<typeof loader>()
	return <MemberHomePage {...loaded} />
}
