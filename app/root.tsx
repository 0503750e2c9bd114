import { type LinksFunction, type LoaderFunctionArgs, data } from '@remix-run/node'
import {
	Links,
	Meta,
	Outlet,
	Scripts,
	ScrollRestoration,
	isRouteErrorResponse,
	useMatches,
	useRouteError,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { getSessionUser } from '#app/auth/supabase.server'
import { ErrorPage } from '#app/components/error-page'
import { SiteFooter, SiteHeader, SkipLink } from '#app/components/layout'
import stylesheet from '#app/tailwind.css?url'

export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: stylesheet },
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
	const { user, headers } = await getSessionUser(request)
	return data({ user: user ? { email: user.email } : null }, { headers })
}

/** A route whose handle says `{ bare: true }` (the petition embed) renders without the site header and footer. */
function isBare(handle: unknown) {
	return typeof handle === 'object' && handle !== null && 'bare' in handle && handle.bare === true
}

export function Layout({ children }: { children: ReactNode }) {
	const bare = useMatches().some((match) => isBare(match.handle))
	if (bare) {
		return (
			<html lang="en">
				<head>
					<meta charSet="utf-8" />
					<meta name="viewport" content="width=device-width, initial-scale=1" />
					<Meta />
					<Links />
				</head>
				<body>
					<main id="main" className="px-4 py-4">
						{children}
					</main>
					<ScrollRestoration />
					<Scripts />
				</body>
			</html>
		)
	}
	return (
		<html lang="en">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<meta name="theme-color" content="#17623f" />
				<Meta />
				<Links />
			</head>
			<body>
				<SkipLink />
				<SiteHeader />
				<main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-8 focus:outline-none">
					{children}
				</main>
				<SiteFooter />
				<ScrollRestoration />
				<Scripts />
			</body>
		</html>
	)
}

export default function App() {
	return <Outlet />
}

export function ErrorBoundary() {
	const error = useRouteError()
	if (isRouteErrorResponse(error) && (error.status === 404 || error.status === 410)) {
		return <ErrorPage kind="notFound" />
	}
	if (!isRouteErrorResponse(error)) console.error(error)
	return <ErrorPage kind="server" />
}
