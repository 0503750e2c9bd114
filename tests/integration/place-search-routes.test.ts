import { randomUUID } from 'node:crypto'
import { expect, test } from 'vitest'
import { pool } from '#app/db/db.server'
import { loader as chaptersLoader } from '#app/routes/chapters+/_index'
import { action as newChapter } from '#app/routes/chapters+/new'
import { loader as eventsLoader } from '#app/routes/events+/_index'
import { loader as projectsLoader } from '#app/routes/projects+/_index'
import { newAccount } from '#tests/helpers/accounts'
import { onlyRow } from '#tests/helpers/rls'
import { getPage, postForm, signIn } from '#tests/helpers/session'

// Issue 15, item 12 over the routes: starting a chapter and "near me" read
// a place the same way, and an ambiguous name asks instead of guessing.

async function jurisdictionId(slug: string) {
	return onlyRow(await pool().query<{ id: number }>('select id from public.jurisdictions where slug = $1', [slug])).id
}

async function chapterPlace(slug: string) {
	const { rows } = await pool().query<{ slug: string }>(
		'select j.slug from public.chapters c join public.jurisdictions j on j.id = c.jurisdiction_id where c.slug = $1',
		[slug],
	)
	return rows[0]?.slug ?? null
}

async function startChapter(cookie: string, fields: Record<string, string>) {
	const name = `Place test ${randomUUID().slice(0, 8)}`
	const result = await newChapter({
		request: postForm('/chapters/new', cookie, { name, description: '', visibility: 'public', ...fields }),
		params: {},
		context: {},
	})
	return { name, result }
}

function createdSlug(result: unknown) {
	if (!(result instanceof Response)) throw new Error(`the chapter was not created: ${JSON.stringify(result).slice(0, 500)}`)
	const location = result.headers.get('Location') ?? ''
	const slug = /^\/chapters\/([^/?]+)\?notice=created$/.exec(location)?.[1]
	if (!slug) throw new Error(`unexpected redirect ${location}`)
	return slug
}

function refusal(result: unknown) {
	if (result instanceof Response || typeof result !== 'object' || result === null || !('data' in result)) {
		throw new Error('expected the form back with an error')
	}
	return result.data as { errors: Record<string, string>; values: Record<string, string>; choices: Array<{ id: number; label: string }> }
}

test('a chapter started in "Forsyth, GA" sits in Monroe County; in "Ashburn, VA", Loudoun', async () => {
	const cookie = await signIn(await newAccount('placer'))
	const forsyth = createdSlug((await startChapter(cookie, { place: 'Forsyth, GA' })).result)
	expect(await chapterPlace(forsyth)).toBe('us-ga-monroe')
	const ashburn = createdSlug((await startChapter(cookie, { place: 'Ashburn, VA' })).result)
	expect(await chapterPlace(ashburn)).toBe('us-va-loudoun')
})

test('a chapter in an ambiguous place asks which one, keeps what was typed, and is created in the one chosen', async () => {
	const cookie = await signIn(await newAccount('chooser'))
	const { name, result } = await startChapter(cookie, { place: 'Washington County' })
	const asked = refusal(result)
	expect(asked.errors.jurisdictionId).toBe('More than one place is called “Washington County”. Choose the one you mean.')
	expect(asked.values).toMatchObject({ name, place: 'Washington County' })
	const pennsylvania = await jurisdictionId('us-pa-washington')
	expect(asked.choices).toContainEqual({ id: pennsylvania, label: 'Washington County, PA' })
	const { rows } = await pool().query('select 1 from public.chapters where name = $1', [name])
	expect(rows).toHaveLength(0)

	const chosen = createdSlug((await startChapter(cookie, { place: 'Washington County', jurisdictionId: String(pennsylvania) })).result)
	expect(await chapterPlace(chosen)).toBe('us-pa-washington')

	// An id the typed place does not mean is not taken.
	const stray = refusal((await startChapter(cookie, { place: 'Springfield', jurisdictionId: String(pennsylvania) })).result)
	expect(stray.errors.jurisdictionId).toContain('More than one place is called “Springfield”')
	expect(stray.choices.map((choice) => choice.label)).toContain('Springfield, IL (Sangamon County)')
})

test('a chapter in an unknown ZIP is told there is no such ZIP code', async () => {
	const cookie = await signIn(await newAccount('zipper'))
	const refused = refusal((await startChapter(cookie, { place: '99999' })).result)
	expect(refused.errors.place).toBe('There is no ZIP code 99999. Check the digits, or type the town and state (“Ashburn, VA”).')
	expect(refused.values.place).toBe('99999')
})

async function loaded<T>(response: Promise<unknown>): Promise<T> {
	const result = await response
	if (result instanceof Response) throw new Error(`unexpected ${result.status}`)
	return (result as { data: T }).data
}

test('chapters and projects near a town are found; an ambiguous name lists links to each place; an unknown ZIP says so', async () => {
	type Near = { placeLabel: string | null; nearError: string | null; nearChoices: Array<{ label: string; query: string }> }
	for (const load of [chaptersLoader, projectsLoader]) {
		const at = (near: string) =>
			loaded<Near>(Promise.resolve(load({ request: getPage(`/x?near=${encodeURIComponent(near)}`, ''), params: {}, context: {} })))
		const manassas = await at('Manassas, VA')
		expect(manassas.placeLabel).toMatch(/^Manassas, VA \(/)
		expect(manassas.nearError).toBeNull()
		const ashburn = await at('Ashburn, VA')
		expect(ashburn.placeLabel).toBe('Ashburn, VA (Loudoun County)')

		const springfield = await at('Springfield')
		expect(springfield.placeLabel).toBeNull()
		expect(springfield.nearError).toContain('More than one place is called “Springfield”')
		expect(springfield.nearChoices).toContainEqual({ label: 'Springfield, IL (Sangamon County)', query: 'Springfield, IL' })

		const unknown = await at('99999')
		expect(unknown.placeLabel).toBeNull()
		expect(unknown.nearError).toContain('There is no ZIP code 99999')
	}
	const events = await loaded<{ error: string | null; choices: unknown[] }>(
		Promise.resolve(eventsLoader({ request: getPage('/events?place=Washington%20County', ''), params: {}, context: {} })),
	)
	expect(events.error).toContain('More than one place is called')
	expect(events.choices.length).toBeGreaterThan(20)
})
