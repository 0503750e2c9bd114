import { data, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteError } from '@remix-run/react'
import type { ReactNode } from 'react'
import { config as configureZod } from 'zod'
import { getSessionUser } from '#app/auth/supabase.server'
import { ErrorPage } from '#app/components/error-page'
import { SiteFooter, SiteHeader, SkipLink } from '#app/components/layout'
import stylesheet from '#app/tailwind.css?url'
import { useNonce } from '#app/utils/nonce'

// zod compiles fast object parsers with `new Function`, which the page's
// Content-Security-Policy forbids (no 'unsafe-eval'); its probe for that is
// reported as a violation. Parsing without it is just as correct. This runs
// before any route module builds its schemas: the root's imports and body are
// evaluated before the routes' in the page's module script.
configureZod({ jitless: true })

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
	// Remix's inline scripts carry the request's nonce, the only inline script the policy allows.
	const nonce = useNonce()
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
					<ScrollRestoration nonce={nonce} />
					<Scripts nonce={nonce} />
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
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export default function App() {
	return <Outlet />
}

export function ErrorBoundary() {
	const error = useRouteError()
	if (isRouteErrorResponse(error) && error.status === 404) return <ErrorPage kind="notFound" />
	if (isRouteErrorResponse(error) && error.status === 410) return <ErrorPage kind="removed" />
	if (isRouteErrorResponse(error) && error.status === 413) return <ErrorPage kind="tooLarge" />
	if (!isRouteErrorResponse(error)) console.error(error)
	return <ErrorPage kind="server" />
}
