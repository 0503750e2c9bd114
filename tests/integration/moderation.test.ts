import { randomUUID } from 'node:crypto'
import { expect, test } from 'vitest'
import type { Caller } from '#app/db/db.server'
import { clearSuspected, invalidateSignatures, moderationQueue, reportPetition, setPetitionHidden } from '#app/moderation/moderation.server'
import { RATE_LIMITS } from '#app/petitions/jobs.server'
import { getPetition, isHidden } from '#app/petitions/petitions.server'
import { confirmSignature, signPetition } from '#app/petitions/signatures.server'
import { createUser, makeModerator } from '#tests/helpers/factories'
import { petitionWithOrganizer, processAll, settledCount, signatureInput, signatureRows, withClient } from '#tests/helpers/petition-flow'

// Moderation: reports reach the queue, a hidden petition answers as removed,
// and moderators invalidate or release signatures in bulk with the counts
// corrected. (Holds that protect signing itself are in petitions-signing-integrity.)

const visitor = { ip: '203.0.113.61', suspectReason: null }

function callerOf(user: { id: string }): Caller {
	return { role: 'authenticated', claims: { sub: user.id, role: 'authenticated' } }
}

test('moderators invalidate in bulk by IP, domain, postal code or time, and the count is corrected', async () => {
	const { petition } = await petitionWithOrganizer()
	const moderator = await withClient(async (client) => {
		const user = await createUser(client)
		await makeModerator(client, user)
		return user
	})
	const caller: Caller = { role: 'authenticated', claims: { sub: moderator.id, role: 'authenticated' } }
	const signed = [
		{ ip: '198.51.100.10', email: `a-${randomUUID().slice(0, 6)}@farm.example`, postalCode: '20175' },
		{ ip: '198.51.100.10', email: `b-${randomUUID().slice(0, 6)}@farm.example`, postalCode: '20175' },
		{ ip: '198.51.100.11', email: `c-${randomUUID().slice(0, 6)}@farm.example`, postalCode: '20176' },
		{ ip: '198.51.100.12', email: `d-${randomUUID().slice(0, 6)}@example.org`, postalCode: '22191' },
		{ ip: '198.51.100.13', email: `e-${randomUUID().slice(0, 6)}@example.org`, postalCode: '20147' },
	]
	for (const s of signed)
		await signPetition(signatureInput(petition, { email: s.email, postalCode: s.postalCode }), { ip: s.ip, suspectReason: null })
	await processAll(petition.id)
	for (const row of await signatureRows(petition.id)) await confirmSignature(row.token)
	await settledCount(petition.id, 5)

	const none = { ip: '', domain: '', postalCode: '', from: '', to: '', onlySuspected: false }
	expect(await invalidateSignatures(caller, petition.id, { ...none, ip: '198.51.100.10' }, true)).toBe(2)
	await settledCount(petition.id, 5)
	expect(await invalidateSignatures(caller, petition.id, { ...none, ip: '198.51.100.10' }, false)).toBe(2)
	await settledCount(petition.id, 3)
	expect(await invalidateSignatures(caller, petition.id, { ...none, domain: 'FARM.example' }, false)).toBe(1)
	await settledCount(petition.id, 2)
	expect(await invalidateSignatures(caller, petition.id, { ...none, postalCode: '22191' }, false)).toBe(1)
	await settledCount(petition.id, 1)
	const future = new Date(Date.now() + 3_600_000).toISOString()
	expect(await invalidateSignatures(caller, petition.id, { ...none, from: future }, false)).toBe(0)
	expect(await invalidateSignatures(caller, petition.id, { ...none, to: future }, false)).toBe(1)
	await settledCount(petition.id, 0)
	await expect(invalidateSignatures(caller, petition.id, none, false)).rejects.toMatchObject({ hint: 'no_filter' })

	const places = await withClient(
		async (client) =>
			(
				await client.query<{ total: string }>(
					'select coalesce(sum(confirmed), 0) as total from public.petition_place_counts where petition_id = $1',
					[petition.id],
				)
			).rows,
	)
	expect(places).toEqual([{ total: '0' }])
	const audit = await withClient(
		async (client) => (await client.query('select action from public.petition_audit_log where petition_id = $1', [petition.id])).rows,
	)
	expect(audit.length).toBeGreaterThanOrEqual(5)
}, 60_000)

test('moderators release held signatures, which then get their confirmation email', async () => {
	const { petition } = await petitionWithOrganizer()
	const moderator = await withClient(async (client) => {
		const user = await createUser(client)
		await makeModerator(client, user)
		return user
	})
	const ip = '198.51.100.77'
	for (let n = 0; n < RATE_LIMITS.ipBurst.points + 2; n++) await signPetition(signatureInput(petition), { ip, suspectReason: null })
	await processAll(petition.id)
	expect((await signatureRows(petition.id)).filter((row) => row.status === 'suspected')).toHaveLength(2)
	const caller: Caller = { role: 'authenticated', claims: { sub: moderator.id, role: 'authenticated' } }
	expect(await clearSuspected(caller, petition.id, { ip, domain: '', reason: '' })).toBe(2)
	await processAll(petition.id)
	const rows = await signatureRows(petition.id)
	expect(rows.every((row) => row.status === 'pending' && row.confirmation_sent_at !== null)).toBe(true)
})

test('a reported petition reaches the moderation queue, and a hidden one answers as removed', async () => {
	const { petition } = await petitionWithOrganizer()
	const moderator = await withClient(async (client) => {
		const user = await createUser(client)
		await makeModerator(client, user)
		return user
	})
	await reportPetition({ role: 'anon' }, { petitionId: petition.id, reason: 'misleading', details: 'The dates are wrong', email: '' })
	const queue = await moderationQueue(callerOf(moderator))
	expect(queue.reports.find((r) => r.petitionSlug === petition.slug)).toMatchObject({
		reason: 'misleading',
		details: 'The dates are wrong',
	})
	await setPetitionHidden(callerOf(moderator), { ...petition, title: 'A petition' }, true, 'Misleading')
	expect(await getPetition({ role: 'anon' }, petition.slug)).toBeNull()
	expect(await isHidden({ role: 'anon' }, petition.slug)).toBe(true)
	await expect(signPetition(signatureInput(petition), visitor)).resolves.toMatchObject({ result: 'closed' })
})
