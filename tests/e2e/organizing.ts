import { expect, type Page } from '@playwright/test'
import { createClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import { uniqueEmail } from './mailbox'

// Helpers for the chapter and event journeys: accounts made through the
// Auth admin API (as an invitation or a confirmed sign-up would leave them)
// and signing in through the real form.

export const PASSWORD = 'prairie lantern 42'

export async function confirmedAccount(label: string, displayName: string) {
	const email = uniqueEmail(label)
	const admin = createClient(process.env.SUPABASE_URL ?? '', process.env.SUPABASE_SERVICE_ROLE_KEY ?? '', {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never },
	})
	const { error } = await admin.auth.admin.createUser({
		email,
		password: PASSWORD,
		email_confirm: true,
		user_metadata: { display_name: displayName },
	})
	if (error) throw error
	return { email, displayName }
}

export async function signIn(page: Page, email: string, redirectTo?: string) {
	await page.goto(redirectTo ? `/signin?redirectTo=${encodeURIComponent(redirectTo)}` : '/signin')
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Password').fill(PASSWORD)
	await page.getByRole('button', { name: 'Sign in', exact: true }).click()
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
}

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
