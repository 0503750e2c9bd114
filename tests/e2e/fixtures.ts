import { test as base, expect, type Page } from '@playwright/test'
import { demoAccount, newAccount, type Account } from '../helpers/accounts'

// Playwright fixtures every journey uses: accounts made as a confirmed
// sign-up leaves them, signing in through the real form, and the seeded
// world's demo accounts. Specs import `test` and `expect` from here.

type Credentials = Pick<Account, 'email' | 'password'>

/** The demo accounts the seed creates (seeds/README.md). */
const demo = {
	/** Coalition staff: organizer of the Loudoun, Prince William, Leesburg and Tucson chapters; the moderator. */
	priya: demoAccount('priya.raman@example.org'),
	/** Organizer of Monroe County Land and Water and its petition. */
	marcus: demoAccount('marcus.bell@example.org'),
	/** Sole organizer of Saline Area Neighbors. */
	ruth: demoAccount('ruth.kowalski@example.org'),
	/** A member who signs and shows up. */
	dana: demoAccount('dana.whitfield@example.org'),
}

/** Signs in through the sign-in form (optionally on its way to `redirectTo`) and waits until the page shows it. */
async function signInThroughForm(page: Page, account: Credentials, redirectTo?: string) {
	await page.goto(redirectTo ? `/signin?redirectTo=${encodeURIComponent(redirectTo)}` : '/signin')
	await page.getByLabel('Email address').fill(account.email)
	await page.getByLabel('Password').fill(account.password)
	await page.getByRole('button', { name: 'Sign in', exact: true }).click()
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible({ timeout: 15_000 })
}

/** A client address of the test's own (TEST-NET-2 style, 198.18.0.0/15), sent as X-Forwarded-For. */
function ownClientAddress() {
	const byte = () => Math.floor(Math.random() * 250) + 1
	return `198.18.${byte()}.${byte()}`
}

export const test = base.extend<{
	/** A confirmed account with a password, made through Auth's admin API. */
	newAccount: (label: string, name?: string) => Promise<Account>
	/** Signs `account` in on the test's page, or on `options.page` (a second browser, say). */
	signIn: (account: Credentials, options?: { page?: Page; redirectTo?: string }) => Promise<void>
	/** A new account, already signed in on the test's page. */
	signedInAs: (label: string, name?: string) => Promise<Account>
	/** The seeded world's people, by first name. */
	demo: typeof demo
}>({
	// Each journey comes from an address of its own, as people on different connections do: the
	// server behind TRUST_PROXY (playwright.config.ts) counts per-IP limits per journey, so the
	// suite's many sign-ins never add up to one connection's allowance (docs/decisions/038).
	extraHTTPHeaders: async ({ extraHTTPHeaders }, provide) => {
		await provide({ ...extraHTTPHeaders, 'X-Forwarded-For': ownClientAddress() })
	},
	// eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
	newAccount: async ({}, provide) => {
		await provide(newAccount)
	},
	signIn: async ({ page }, provide) => {
		await provide((account, options) => signInThroughForm(options?.page ?? page, account, options?.redirectTo))
	},
	signedInAs: async ({ page }, provide) => {
		await provide(async (label, name) => {
			const account = await newAccount(label, name)
			await signInThroughForm(page, account)
			return account
		})
	},
	// eslint-disable-next-line no-empty-pattern -- as above
	demo: async ({}, provide) => {
		await provide(demo)
	},
})

export { expect }

/** A wall-clock time `days` from now, as a datetime-local input takes it. */
export function localDateTime(days: number, hour: number) {
	const date = new Date(Date.now() + days * 86400_000)
	const pad = (n: number) => String(n).padStart(2, '0')
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(hour)}:00`
}

export async function noSidewaysScroll(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
	expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0)
}
