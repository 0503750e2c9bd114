import { createClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import type { User } from './factories'

// Accounts with a password, made through Auth's admin API as a confirmed
// sign-up leaves them, for tests that sign in through the real sign-in form
// or route (Vitest and Playwright alike). Every one has the same password.

export const PASSWORD = 'prairie lantern 42'

/** The demo accounts' password (seeds/README.md), for journeys through the seeded world. */
export const DEMO_PASSWORD = 'groundwork-demo'

export type Account = User & { password: string }

/** An address no other test uses. */
export function uniqueEmail(label: string) {
	return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`
}

function adminClient() {
	return createClient(process.env.SUPABASE_URL ?? '', process.env.SUPABASE_SERVICE_ROLE_KEY ?? '', {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never },
	})
}

/** A confirmed account with PASSWORD; `name` is its display name ("Label Tester" unless given). */
export async function newAccount(label: string, name = `${label[0]?.toUpperCase() ?? ''}${label.slice(1)} Tester`): Promise<Account> {
	const email = uniqueEmail(label)
	const { data, error } = await adminClient().auth.admin.createUser({
		email,
		password: PASSWORD,
		email_confirm: true,
		user_metadata: { display_name: name },
	})
	if (error || !data.user) throw error ?? new Error('no user')
	const id = data.user.id
	return { id, email, name, password: PASSWORD, caller: { role: 'authenticated', claims: { sub: id, role: 'authenticated', email } } }
}

/** A demo account from the seed, by address (see seeds/README.md). */
export function demoAccount(email: string): Pick<Account, 'email' | 'password'> {
	return { email, password: DEMO_PASSWORD }
}
