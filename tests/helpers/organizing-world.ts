import { randomBytes, randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { expect } from 'vitest'
import { createChapter } from '#app/chapters/chapters.server'
import type { AuthenticatedCaller } from '#app/chapters/members.server'
import { db } from '#app/db/db.server'

// For integration tests of chapters and events: committed accounts and
// chapters made through the same server functions the routes call, and the
// local mail catcher's inbox. Every name is unique, so tests running at the
// same time on the shared test database never meet.

export type Person = { id: string; email: string; name: string; caller: AuthenticatedCaller }

export function unique(label: string) {
	return `${label}-${randomBytes(4).toString('hex')}`
}

/** A confirmed account; the auth.users trigger gives it a profile. */
export async function newPerson(label = 'person'): Promise<Person> {
	const id = randomUUID()
	const email = `${unique(label)}@example.org`
	const name = `${label[0]?.toUpperCase() ?? ''}${label.slice(1)} ${id.slice(0, 4)}`
	await sql`insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
		values (${id}, 'authenticated', 'authenticated', ${email}, now(), '{"provider":"email"}', ${JSON.stringify({ display_name: name })}, now(), now())`.execute(
		db(),
	)
	return { id, email, name, caller: { role: 'authenticated', claims: { sub: id, role: 'authenticated', email } } }
}

/** A chapter in Loudoun County, VA (from the seed), started by `organizer`. */
export async function newChapter(organizer: Person, visibility: 'public' | 'private' = 'public') {
	const place = await db().selectFrom('jurisdictions').select('id').where('slug', '=', 'us-va-loudoun').executeTakeFirstOrThrow()
	const name = `Test ${unique('chapter')}`
	const slug = await createChapter(organizer.caller, { name, description: '', visibility, jurisdictionId: place.id })
	const chapter = await db()
		.selectFrom('chapters')
		.select(['id', 'slug', 'name', 'visibility'])
		.where('slug', '=', slug)
		.executeTakeFirstOrThrow()
	return chapter
}

/** Adds people straight into a chapter as active members (setup, not under test). */
export async function addMembers(chapterId: string, people: Person[]) {
	if (people.length === 0) return
	await db()
		.insertInto('memberships')
		.values(people.map((person) => ({ chapter_id: chapterId, user_id: person.id, role: 'member' as const, status: 'active' as const })))
		.execute()
}

const mailbox = () => process.env.MAILBOX_URL ?? ''

export type MailSummary = { ID: string; To: Array<{ Address: string }>; Subject: string }
export type MailMessage = MailSummary & { HTML: string; Text: string }

export async function inbox(address: string): Promise<MailSummary[]> {
	const response = await fetch(`${mailbox()}/api/v1/search?query=${encodeURIComponent(`to:${address}`)}&limit=200`)
	const { messages } = (await response.json()) as { messages: MailSummary[] }
	return messages
}

/** Waits for an email to `address` whose subject matches, and returns it whole. */
export async function waitForEmail(address: string, subject: RegExp, timeout = 30_000): Promise<MailMessage> {
	let found: MailSummary | undefined
	await expect
		.poll(
			async () => {
				found = (await inbox(address)).find((message) => subject.test(message.Subject))
				return Boolean(found)
			},
			{ timeout, interval: 250, message: `an email to ${address} matching ${subject}` },
		)
		.toBe(true)
	const response = await fetch(`${mailbox()}/api/v1/message/${found?.ID}`)
	return (await response.json()) as MailMessage
}

export async function headersOf(messageId: string): Promise<Record<string, string[]>> {
	const response = await fetch(`${mailbox()}/api/v1/message/${messageId}/headers`)
	return (await response.json()) as Record<string, string[]>
}

/** Gives a stray retry or a late duplicate time to land before counting. */
export function settle(ms = 1500) {
	return new Promise((resolve) => setTimeout(resolve, ms))
}
