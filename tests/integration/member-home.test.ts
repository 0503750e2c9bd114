import { expect, test } from 'vitest'
import { anon, pool } from '#app/db/db.server'
import { emailSettings, setEmailFrequency, stopPetitionUpdates } from '#app/home/email-settings.server'
import { memberHome, openNear } from '#app/home/home.server'
import { listPetitions } from '#app/petitions/petitions.server'
import { searchPlacesFor } from '#app/places/search.server'
import { loader as homeLoader } from '#app/routes/_index'
import { newAccount } from '#tests/helpers/accounts'
import { addMembers, committed, createPetition, createSignature, createUser, startChapter } from '#tests/helpers/factories'
import { onlyRow } from '#tests/helpers/rls'
import { getPage, signIn } from '#tests/helpers/session'

// Issue 15, items 1 and 2: the signed-in home, and finding what is open by place.
// Reads the seeded places of the shared test database; what it writes has unique names.

/** The one place the text names, or null. */
async function areaFor(caller: typeof anon, typed: string) {
	const search = await searchPlacesFor(caller, typed)
	return search.status === 'found' ? search.place : null
}

async function jurisdictionId(slug: string) {
	return onlyRow(await pool().query<{ id: number }>('select id from public.jurisdictions where slug = $1', [slug])).id
}

test('a ZIP code, a town the post office names, a county and a state each find the places inside them', async () => {
	const loudoun = await jurisdictionId('us-va-loudoun')
	const zip = await areaFor(anon, '20147')
	expect(zip?.label).toBe('Ashburn, VA 20147 (Loudoun County)')
	expect(zip?.jurisdictionIds).toContain(loudoun)

	const town = await areaFor(anon, 'Ashburn, VA')
	expect(town?.label).toBe('Ashburn, VA (Loudoun County)')
	expect(town?.jurisdictionIds).toContain(loudoun)

	expect((await areaFor(anon, 'Loudoun'))?.jurisdictionIds).toContain(loudoun)
	const state = await areaFor(anon, 'VA')
	expect(state?.label).toBe('Virginia')
	expect(state?.jurisdictionIds).toContain(loudoun)
	expect(state?.jurisdictionIds.length).toBeGreaterThan(100)

	expect(await areaFor(anon, '99999')).toBeNull()
	expect(await areaFor(anon, 'Nowhere At All, VA')).toBeNull()
})

test('the city of Forsyth, GA is found as the town in Monroe County, not as Forsyth County', async () => {
	const monroe = await jurisdictionId('us-ga-monroe')
	const forsythCounty = await jurisdictionId('us-ga-forsyth')
	const area = await areaFor(anon, 'Forsyth, GA')
	expect(area?.jurisdictionIds).toContain(monroe)
	expect(area?.jurisdictionIds).not.toContain(forsythCounty)
})

test('petition search by ZIP, town, county or state finds the petitions of chapters there', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const chapter = await startChapter(organizer)
	const petition = await createPetition(committed(), {
		organizer,
		chapter: { id: chapter.id, slug: chapter.slug, jurisdictionId: await jurisdictionId('us-va-loudoun'), visibility: 'public' },
	})
	for (const typed of ['20147', 'Ashburn, VA', 'Loudoun', 'VA']) {
		const area = await areaFor(anon, typed)
		const found = await listPetitions(anon, { query: typed, jurisdictionIds: area?.jurisdictionIds, limit: 500 })
		expect(
			found.map((item) => item.slug),
			typed,
		).toContain(petition.slug)
	}
	const georgia = await areaFor(anon, 'GA')
	const elsewhere = await listPetitions(anon, { query: 'GA', jurisdictionIds: georgia?.jurisdictionIds, limit: 500 })
	expect(elsewhere.map((item) => item.slug)).not.toContain(petition.slug)
})

test('open near a ZIP lists open petitions and upcoming events of chapters there, not closed petitions', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const chapter = await startChapter(organizer)
	const loudoun = {
		id: chapter.id,
		slug: chapter.slug,
		jurisdictionId: await jurisdictionId('us-va-loudoun'),
		visibility: 'public' as const,
	}
	const open = await createPetition(committed(), { organizer, chapter: loudoun })
	const closed = await createPetition(committed(), { organizer, chapter: loudoun, status: 'closed' })
	const event = onlyRow(
		await pool().query<{ id: string }>(
			`insert into public.events (chapter_id, kind, title, starts_at, ends_at, time_zone, location_name, created_by)
			values ($1, 'meeting', 'Near-you test meeting', now() + interval '3 days', now() + interval '3 days 2 hours', 'America/New_York', 'Library', $2)
			returning id`,
			[chapter.id, organizer.id],
		),
	)
	const near = await openNear(anon, '20147', 500)
	expect(near?.area.label).toBe('Ashburn, VA 20147 (Loudoun County)')
	const slugs = near?.petitions.map((item) => item.slug) ?? []
	expect(slugs).toContain(open.slug)
	expect(slugs).not.toContain(closed.slug)
	expect(near?.events.map((item) => item.id)).toContain(event.id)
})

test('the member home lists my RSVPs, my chapters with their latest update, what I signed and what I organize', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const member = await createUser(committed(), { label: 'member' })
	const chapter = await startChapter(organizer)
	await addMembers(committed(), chapter.id, [member])
	await pool().query(
		`insert into public.chapter_updates (chapter_id, author_id, title, body) values ($1, $2, 'Bring a neighbour on Tuesday', 'Room B.')`,
		[chapter.id, organizer.id],
	)
	const event = onlyRow(
		await pool().query<{ id: string }>(
			`insert into public.events (chapter_id, kind, title, starts_at, ends_at, time_zone, location_name, created_by)
			values ($1, 'hearing', 'Rezoning hearing', now() + interval '5 days', now() + interval '5 days 3 hours', 'America/New_York', 'Government Center', $2)
			returning id`,
			[chapter.id, organizer.id],
		),
	)
	await pool().query(`insert into public.event_rsvps (event_id, user_id, name, email, status) values ($1, $2, 'Mo', $3, 'going')`, [
		event.id,
		member.id,
		member.email.toLowerCase(),
	])
	const petition = await createPetition(committed(), {
		organizer,
		chapter: { id: chapter.id, slug: chapter.slug, jurisdictionId: await jurisdictionId('us-va-loudoun'), visibility: 'public' },
	})
	await createSignature(committed(), petition, { email: member.email, userId: member.id, status: 'confirmed' })

	const home = await memberHome(member.caller)
	expect(home.upcoming).toEqual([expect.objectContaining({ kind: 'event', title: 'Rezoning hearing', answer: 'going' })])
	expect(home.chapters).toEqual([
		expect.objectContaining({
			slug: chapter.slug,
			role: 'member',
			latestUpdate: expect.objectContaining({ title: 'Bring a neighbour on Tuesday' }),
		}),
	])
	expect(home.signed).toEqual([expect.objectContaining({ petitionSlug: petition.slug, status: 'confirmed' })])
	expect(home.organizing).toEqual({ chapters: [], petitions: [] })

	const organizerHome = await memberHome(organizer.caller)
	expect(organizerHome.organizing.chapters.map((item) => item.slug)).toEqual([chapter.slug])
	expect(organizerHome.organizing.petitions.map((item) => item.slug)).toContain(petition.slug)
	expect(organizerHome.upcoming).toEqual([])
	expect(organizerHome.signed).toEqual([])
})

test('a signed-in person opening the site lands on their home; a visitor gets the introduction', async () => {
	const account = await newAccount('home')
	const cookie = await signIn(account)
	const signedIn = await homeLoader({ request: getPage('/', cookie), params: {}, context: {} }).catch((thrown: unknown) => thrown)
	expect(signedIn).toBeInstanceOf(Response)
	expect(signedIn instanceof Response && signedIn.headers.get('Location')).toBe('/home')
	const visitor = await homeLoader({ request: getPage('/?place=20147', ''), params: {}, context: {} })
	expect(visitor).not.toBeInstanceOf(Response)
})

test('one page holds every email setting: chapter frequency, follows and petition updates, each changed only by its owner', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const member = await createUser(committed(), { label: 'member' })
	const stranger = await createUser(committed(), { label: 'stranger' })
	const chapter = await startChapter(organizer)
	await addMembers(committed(), chapter.id, [member])
	const petition = await createPetition(committed(), { organizer })
	const signature = await createSignature(committed(), petition, {
		email: member.email,
		userId: member.id,
		status: 'confirmed',
		wantsUpdates: true,
	})

	const before = await emailSettings(member.caller)
	expect(before.chapters).toEqual([{ chapterId: chapter.id, slug: chapter.slug, name: chapter.name, frequency: 'immediate' }])
	expect(before.petitions).toEqual([{ signatureId: signature.id, slug: petition.slug, title: 'Keep the county water study public' }])
	expect((await emailSettings(stranger.caller)).petitions).toEqual([])

	expect(await stopPetitionUpdates(stranger.caller, signature.id)).toBe(false)
	expect((await emailSettings(member.caller)).petitions).toHaveLength(1)
	expect(await stopPetitionUpdates(member.caller, signature.id)).toBe(true)
	expect((await emailSettings(member.caller)).petitions).toEqual([])

	expect(await setEmailFrequency(member.caller, chapter.id, 'weekly')).toBe(true)
	expect((await emailSettings(member.caller)).chapters[0]?.frequency).toBe('weekly')
	expect(await setEmailFrequency(stranger.caller, chapter.id, 'none')).toBe(false)
})
