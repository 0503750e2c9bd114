import { Form, Link, NavLink, useRouteLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { t } from '#app/i18n/i18n'

type RootData = { user: { email: string } | null }

export function SiteHeader() {
	const user = useRouteLoaderData<RootData>('root')?.user ?? null
	return (
		<header className="border-b border-line bg-paper-raised">
			<div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
				<Link to="/" className="flex min-h-11 items-center gap-2 text-xl font-bold text-ink no-underline">
					<Logo />
					{t('site.name')}
				</Link>
				<nav aria-label={t('nav.label')}>
					<ul className="flex flex-wrap gap-1">
						<li>
							<NavItem to="/" end>
								{t('nav.home')}
							</NavItem>
						</li>
						<li>
							<NavItem to="/projects">{t('nav.projects')}</NavItem>
						</li>
						<li>
							<NavItem to="/chapters">{t('nav.chapters')}</NavItem>
						</li>
						<li>
							<NavItem to="/petitions">{t('nav.petitions')}</NavItem>
						</li>
						<li>
							<NavItem to="/campaigns">{t('nav.campaigns')}</NavItem>
						</li>
						{user ? (
							<>
								<li>
									<NavItem to="/home">{t('nav.myHome')}</NavItem>
								</li>
								<li>
									<NavItem to="/account">{t('nav.account')}</NavItem>
								</li>
								<li>
									<Form method="post" action="/signout">
										<button
											type="submit"
											className="inline-flex min-h-11 items-center rounded px-3 font-medium text-ink underline-offset-2 hover:bg-paper-sunk"
										>
											{t('nav.signOut')}
										</button>
									</Form>
								</li>
							</>
						) : (
							<li>
								<NavItem to="/signin">{t('nav.signIn')}</NavItem>
							</li>
						)}
					</ul>
				</nav>
			</div>
		</header>
	)
}

function NavItem({ to, end, children }: { to: string; end?: boolean; children: ReactNode }) {
	return (
		<NavLink
			to={to}
			end={end}
			className={({ isActive }) =>
				`inline-flex min-h-11 items-center rounded px-3 font-medium whitespace-nowrap no-underline ${
					isActive ? 'bg-action-soft text-action-hover' : 'text-ink hover:bg-paper-sunk hover:text-ink'
				}`
			}
		>
			{children}
		</NavLink>
	)
}

function Logo() {
	return (
		<svg aria-hidden="true" width="28" height="28" viewBox="0 0 28 28" className="shrink-0">
			<rect width="28" height="28" rx="6" fill="#17623f" />
			<path d="M5 20h18M8 20V12l6-4 6 4v8" stroke="#fff" strokeWidth="2.2" fill="none" strokeLinejoin="round" />
		</svg>
	)
}

export function SiteFooter() {
	return (
		<footer className="mt-16 border-t border-line bg-paper-sunk">
			<div className="mx-auto max-w-5xl space-y-2 px-4 py-8 text-sm text-ink-muted">
				<p>{t('footer.about')}</p>
				<p>{t('footer.dataCredit')}</p>
			</div>
		</footer>
	)
}

export function SkipLink() {
	return (
		<a
			href="#main"
			className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-paper-raised focus:px-4 focus:py-3"
		>
			{t('site.skipToContent')}
		</a>
	)
}

export function PageHeading({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
	return (
		<div className="mb-8 space-y-3">
			<h1 className="text-3xl leading-tight font-bold sm:text-4xl">{children}</h1>
			{lead ? <p className="max-w-prose text-lg text-ink-muted">{lead}</p> : null}
		</div>
	)
}

export function ButtonLink({ to, children }: { to: string; children: ReactNode }) {
	return (
		<Link
			to={to}
			className="inline-flex min-h-11 items-center justify-center rounded-md bg-action px-5 py-2 text-lg font-semibold text-white no-underline hover:bg-action-hover hover:text-white"
		>
			{children}
		</Link>
	)
}
