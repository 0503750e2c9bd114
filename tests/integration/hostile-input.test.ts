import { expect, test } from 'vitest'
import { createChapter } from '#app/chapters/chapters.server'
import { db, type Caller } from '#app/db/db.server'
import { reportPetition, setPetitionHidden } from '#app/moderation/moderation.server'
import { createPetition } from '#app/petitions/petitions.server'
import { petitionSchema } from '#app/petitions/schemas'
import { committed, createUser, makeModerator, startChapter, unique } from '#tests/helpers/factories'
import { petitionWithOrganizer, withClient } from '#tests/helpers/petition-flow'

// What the hostile-input crawl (tests/e2e/hostile-input.spec.ts) found in
// the server modules: each of these answered 500.

test('chapters started at the same moment with the same name each get an address of their own', async () => {
	const place = await db().selectFrom('jurisdictions').select('id').where('slug', '=', 'us-va-loudoun').executeTakeFirstOrThrow()
	const input = { name: `Test ${unique('same name')}`, description: '', visibility: 'public' as const, jurisdictionId: place.id }
	const organizers = await Promise.all([
		createUser(committed(), { label: 'organizer' }),
		createUser(committed(), { label: 'organizer' }),
		createUser(committed(), { label: 'organizer' }),
	])
	// Each sees the address free; all but one meet the unique index, and try the next number.
	const slugs = await Promise.all(organizers.map((organizer) => createChapter(organizer.caller, input)))
	const base = slugs.find((slug) => !/-\d$/.test(slug)) ?? ''
	expect(slugs.toSorted()).toEqual([base, `${base}-2`, `${base}-3`])
})

test('a petition titled like another organizer’s draft gets an address of its own', async () => {
	const first = await createUser(committed(), { label: 'organizer' })
	const second = await createUser(committed(), { label: 'organizer' })
	// Only organizers start petitions.
	await startChapter(first)
	await startChapter(second)
	const input = petitionSchema.parse({
		title: `Publish the water study ${unique('title')}`,
		decisionMaker: 'County Board of Supervisors',
		summary: 'Publish the full water study before any vote on the rezoning.',
		signatureGoal: '100',
		deadline: '',
		customMilestones: '',
	})
	const draft = await createPetition(first.caller, first.id, input)
	const other = await createPetition(second.caller, second.id, input)
	expect(other.slug).toBe(`${draft.slug}-2`)
})

test('a report on a petition that is no longer public is refused, not an error', async () => {
	const { petition, organizer } = await petitionWithOrganizer()
	const moderator = await withClient(async (client) => {
		const user = await createUser(client)
		await makeModerator(client, user)
		return user
	})
	const caller = (user: { id: string }): Caller => ({ role: 'authenticated', claims: { sub: user.id, role: 'authenticated' } })
	const report = { petitionId: petition.id, reason: 'spam' as const, details: '', email: '' }
	expect(await reportPetition({ role: 'anon' }, report)).toBe(true)
	await setPetitionHidden(caller(moderator), { ...petition, title: 'A petition' }, true, 'Spam')
	// The organizer and the moderator can still open the page; the report is refused.
	expect(await reportPetition(caller(organizer), report)).toBe(false)
	expect(await reportPetition({ role: 'anon' }, report)).toBe(false)
})
