import { randomUUID } from 'node:crypto'
import { expect, test } from 'vitest'
import type { Caller } from '#app/db/db.server'
import { setPetitionHidden } from '#app/moderation/moderation.server'
import { getPetition } from '#app/petitions/petitions.server'
import { signPetition } from '#app/petitions/signatures.server'
import { action as moderateAction, loader as moderateLoader } from '#app/routes/moderation+/petitions.$slug'
import { action as signatureAction, loader as signatureLoader } from '#app/routes/moderation+/petitions.$slug.signatures.$id'
import { action as manageAction, loader as manageLoader } from '#app/routes/petitions+/$slug.manage'
import { newAccount } from '#tests/helpers/accounts'
import { addMembership, makeModerator } from '#tests/helpers/factories'
import { petitionWithOrganizer, processAll, signatureInput, signatureRows, withClient } from '#tests/helpers/petition-flow'
import { queuedEmailsTo } from '#tests/helpers/queued-jobs'
import { getPage, postForm, signIn } from '#tests/helpers/session'

// The moderator's side of held signatures and takedowns (issue 15, items 10
// and 11): release what the form held as too fast, look at one signature
// without learning who signed, and take a petition down with a reason the
// organizers are emailed, then put it back as it was.

async function moderator() {
	const account = await newAccount('moderator')
	await withClient((client) => makeModerator(client, account))
	return { account, cookie: await signIn(account) }
}

/** An organizer who can sign in, running a petition of their own chapter. */
async function organizerWithPetition(status: 'published' | 'delivered' = 'published') {
	const { petition, chapter } = await petitionWithOrganizer({ status })
	const organizer = await newAccount('organizer')
	await withClient((client) => addMembership(client, chapter, organizer, 'organizer', 'active'))
	return { petition, organizer, cookie: await signIn(organizer) }
}

/** What a loader's data() carries to the page. */
function loaderData(result: unknown): unknown {
	return typeof result === 'object' && result !== null && 'data' in result ? result.data : result
}

function redirectOf(response: unknown) {
	return response instanceof Response ? response.headers.get('Location') : null
}

test('"Release held" releases signatures held as too fast, each way a moderator can', async () => {
	const { petition } = await petitionWithOrganizer()
	const { cookie } = await moderator()
	for (let n = 0; n < 4; n++) await signPetition(signatureInput(petition), { ip: `198.51.100.${120 + n}`, suspectReason: 'too_fast' })
	await processAll(petition.id)
	expect((await signatureRows(petition.id)).map((row) => row.suspect_reason)).toEqual(['too_fast', 'too_fast', 'too_fast', 'too_fast'])
	const path = `/moderation/petitions/${petition.slug}`
	const post = (fields: Record<string, string>) =>
		moderateAction({ request: postForm(path, cookie, fields), params: { slug: petition.slug }, context: {} })
	expect(redirectOf(await post({ intent: 'clear', reason: 'too_fast', ip: '198.51.100.120' }))).toBe(`${path}?cleared=1`)
	expect(redirectOf(await post({ intent: 'clear', domain: 'example.org', reason: 'too_fast', ip: '198.51.100.121' }))).toBe(
		`${path}?cleared=1`,
	)
	expect(redirectOf(await post({ intent: 'clear' }))).toBe(`${path}?cleared=2`)
	expect((await signatureRows(petition.id)).every((row) => row.status === 'pending' && row.suspect_reason === null)).toBe(true)
})

test('a moderator looks at one held signature, sees why and from where but not who, and releases or removes it', async () => {
	const { petition } = await petitionWithOrganizer()
	const { cookie } = await moderator()
	const name = `Nguyễn Thị Lan ${randomUUID().slice(0, 4)}`
	const email = `held-${randomUUID().slice(0, 8)}@farm.example`
	await signPetition(signatureInput(petition, { name, email, comment: 'Secret comment', postalCode: '20175' }), {
		ip: '198.51.100.140',
		suspectReason: 'too_fast',
	})
	await signPetition(signatureInput(petition), { ip: null, suspectReason: 'too_fast' })
	await processAll(petition.id)
	const [held, noIp] = await signatureRows(petition.id)

	const list = await moderateLoader({
		request: getPage(`/moderation/petitions/${petition.slug}`, cookie),
		params: { slug: petition.slug },
		context: {},
	})
	const listed = loaderData(list) as { heldList: Array<{ id: string; ip: string | null; emailDomain: string; reason: string }> }
	expect(listed.heldList).toEqual([
		expect.objectContaining({ id: held?.id, ip: '198.51.100.140', emailDomain: 'farm.example', reason: 'too_fast' }),
		expect.objectContaining({ id: noIp?.id, ip: null }),
	])

	const params = { slug: petition.slug, id: held?.id ?? '' }
	const page = `/moderation/petitions/${petition.slug}/signatures/${held?.id}`
	const response = await signatureLoader({ request: getPage(page, cookie), params, context: {} })
	const body = JSON.stringify(loaderData(response))
	expect(body).toContain('198.51.100.140')
	expect(body).toContain('farm.example')
	expect(body).toContain('too_fast')
	for (const secret of [name, email, 'Secret comment', '20175', held?.token ?? 'token']) expect(body).not.toContain(secret)

	expect(redirectOf(await signatureAction({ request: postForm(page, cookie, { intent: 'release' }), params, context: {} }))).toBe(
		`${page}?done=released`,
	)
	expect((await signatureRows(petition.id)).find((row) => row.id === held?.id)?.status).toBe('pending')
	// Released already: releasing again changes nothing, and says so.
	expect(redirectOf(await signatureAction({ request: postForm(page, cookie, { intent: 'release' }), params, context: {} }))).toBe(
		`${page}?done=unchanged`,
	)
	const other = { slug: petition.slug, id: noIp?.id ?? '' }
	const otherPage = `/moderation/petitions/${petition.slug}/signatures/${noIp?.id}`
	expect(
		redirectOf(await signatureAction({ request: postForm(otherPage, cookie, { intent: 'remove' }), params: other, context: {} })),
	).toBe(`${otherPage}?done=removed`)
	expect((await signatureRows(petition.id)).find((row) => row.id === noIp?.id)?.status).toBe('invalidated')

	// Someone who is not a moderator gets a 404, and so does a signature of another petition.
	const outsider = await signIn(await newAccount('outsider'))
	await expect(signatureLoader({ request: getPage(page, outsider), params, context: {} })).rejects.toMatchObject({ status: 404 })
	const { petition: elsewhere } = await petitionWithOrganizer()
	await expect(
		signatureLoader({ request: getPage(page, cookie), params: { slug: elsewhere.slug, id: held?.id ?? '' }, context: {} }),
	).rejects.toMatchObject({ status: 404 })
})

test('a takedown needs a reason and a confirmation, emails the organizers in the same transaction, and putting it back restores it as it was', async () => {
	const { petition, organizer, cookie: organizerCookie } = await organizerWithPetition('delivered')
	const { cookie } = await moderator()
	const path = `/moderation/petitions/${petition.slug}`
	const post = (fields: Record<string, string>) =>
		moderateAction({ request: postForm(path, cookie, fields), params: { slug: petition.slug }, context: {} })

	const bare = await post({ intent: 'hide', reason: '   ' })
	expect(bare).not.toBeInstanceOf(Response)
	expect(JSON.stringify(bare)).toContain('Say why the petition is being taken down')
	expect(JSON.stringify(bare)).toContain('Tick the box to confirm the takedown')
	const unconfirmed = await post({ intent: 'hide', reason: 'It names a neighbor’s home address.' })
	expect(JSON.stringify(unconfirmed)).toContain('Tick the box to confirm the takedown')
	// What was typed comes back.
	expect(JSON.stringify(unconfirmed)).toContain('It names a neighbor’s home address.')
	expect(await getPetition({ role: 'anon' }, petition.slug)).not.toBeNull()
	expect(await queuedEmailsTo(organizer.email)).toEqual([])

	expect(redirectOf(await post({ intent: 'hide', reason: 'It names a neighbor’s home address.', confirm: 'on' }))).toBe(`${path}?done=hide`)
	expect(await getPetition({ role: 'anon' }, petition.slug)).toBeNull()
	const [takedown] = await queuedEmailsTo(organizer.email)
	expect(takedown).toMatchObject({
		template: 'petition_takedown',
		props: { kind: 'taken_down', reason: 'It names a neighbor’s home address.' },
	})
	expect(takedown?.props.dashboardUrl).toMatch(new RegExp(`/petitions/${petition.slug}/manage$`))

	// The organizer's dashboard says so, with the reason, and takes a request for a review.
	const dashboard = await manageLoader({
		request: getPage(`/petitions/${petition.slug}/manage`, organizerCookie),
		params: { slug: petition.slug },
		context: {},
	})
	const loaded = loaderData(dashboard) as { petition: { status: string; takedown: { reason: string } | null } }
	expect(loaded.petition).toMatchObject({ status: 'delivered', takedown: { reason: 'It names a neighbor’s home address.' } })
	const appeal = await manageAction({
		request: postForm(`/petitions/${petition.slug}/manage`, organizerCookie, {
			intent: 'appeal',
			details: 'We removed the address from the text.',
		}),
		params: { slug: petition.slug },
		context: {},
	})
	expect(redirectOf(appeal)).toBe(`/petitions/${petition.slug}/manage?saved=appeal`)
	const queue = await withClient(
		async (client) =>
			(await client.query('select status, is_appeal, details from public.petition_reports where petition_id = $1', [petition.id])).rows,
	)
	expect(queue).toEqual([{ status: 'open', is_appeal: true, details: 'We removed the address from the text.' }])

	expect(redirectOf(await post({ intent: 'unhide' }))).toBe(`${path}?done=unhide`)
	const back = await getPetition({ role: 'anon' }, petition.slug)
	expect(back?.status).toBe('delivered')
	expect((await queuedEmailsTo(organizer.email)).map((email) => email.props.kind)).toEqual(['taken_down', 'put_back'])
	const resolved = await withClient(
		async (client) => (await client.query('select status from public.petition_reports where petition_id = $1', [petition.id])).rows,
	)
	expect(resolved).toEqual([{ status: 'actioned' }])
})

test('a takedown is made once: taking down what is already down, or without a reason, changes nothing', async () => {
	const { petition } = await petitionWithOrganizer()
	const { account } = await moderator()
	const caller: Caller = account.caller
	const named = { ...petition, title: 'Keep the county water study public' }
	expect(await setPetitionHidden(caller, named, true, 'Spam')).toBe(true)
	expect(await setPetitionHidden(caller, named, true, 'Spam again')).toBe(false)
	expect(await setPetitionHidden(caller, named, false, '')).toBe(true)
	expect(await setPetitionHidden(caller, named, false, '')).toBe(false)
	await expect(setPetitionHidden(caller, named, true, '  ')).rejects.toMatchObject({ hint: 'no_reason' })
})

test('moderation’s time filters are read in the moderator’s own time zone, not UTC', async () => {
	const { petition } = await petitionWithOrganizer()
	const { account, cookie } = await moderator()
	await withClient((client) =>
		client.query(
			`insert into public.profile_settings (user_id, time_zone) values ($1, 'America/Los_Angeles')
			on conflict (user_id) do update set time_zone = excluded.time_zone`,
			[account.id],
		),
	)
	await signPetition(signatureInput(petition), { ip: '198.51.100.150', suspectReason: null })
	// Five minutes from now on a Los Angeles wall clock; read as UTC it would be hours ago.
	const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: 'America/Los_Angeles', dateStyle: 'short', timeStyle: 'short' })
		.format(new Date(Date.now() + 5 * 60_000))
		.replace(' ', 'T')
	const path = `/moderation/petitions/${petition.slug}`
	const preview = await moderateAction({
		request: postForm(path, cookie, { intent: 'preview', to: wall }),
		params: { slug: petition.slug },
		context: {},
	})
	expect(loaderData(preview)).toMatchObject({ preview: { count: 1 } })
	const page = loaderData(await moderateLoader({ request: getPage(path, cookie), params: { slug: petition.slug }, context: {} }))
	expect(page).toMatchObject({ timeZone: 'America/Los_Angeles' })
	// A time that is not one is a message, not an error.
	const bad = await moderateAction({
		request: postForm(path, cookie, { intent: 'preview', to: '2026-02-30T10:00' }),
		params: { slug: petition.slug },
		context: {},
	})
	expect(JSON.stringify(loaderData(bad))).toContain('Enter a date and time like 2026-12-01 09:30')
})
