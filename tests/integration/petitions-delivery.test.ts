import { expect, test } from 'vitest'
import { getPetition } from '#app/petitions/petitions.server'
import { action as manageAction } from '#app/routes/petitions+/$slug.manage'
import { newAccount } from '#tests/helpers/accounts'
import { addMembership } from '#tests/helpers/factories'
import { petitionWithOrganizer, withClient } from '#tests/helpers/petition-flow'
import { postForm, signIn } from '#tests/helpers/session'

// Recording a delivery (issue 15, item 6): saving it closes signing, so while
// people can still sign the form asks first; the dates must be possible (not
// before publication, a response not before the delivery, nothing in the
// future); and what was typed comes back with the message.

async function organizerWithPetition(status: 'published' | 'closed') {
	const { petition, chapter } = await petitionWithOrganizer({ status })
	const organizer = await newAccount('organizer')
	await withClient(async (client) => {
		await addMembership(client, chapter, organizer, 'organizer', 'active')
		// Published ten days ago.
		await client.query(`update public.petitions set published_at = now() - interval '10 days' where id = $1`, [petition.id])
	})
	return { petition, cookie: await signIn(organizer) }
}

function day(offsetDays: number) {
	return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10)
}

type Failure = { errors: Record<string, string>; values: Record<string, string> }

function failure(result: unknown): Failure {
	if (result instanceof Response) throw new Error(`expected errors, got a ${result.status} to ${result.headers.get('Location')}`)
	const data = typeof result === 'object' && result !== null && 'data' in result ? result.data : result
	return data as Failure
}

test('recording a delivery while people can still sign asks first, and only then closes signing', async () => {
	const { petition, cookie } = await organizerWithPetition('published')
	const path = `/petitions/${petition.slug}/manage`
	const deliver = (fields: Record<string, string>) =>
		manageAction({ request: postForm(path, cookie, { intent: 'deliver', ...fields }), params: { slug: petition.slug }, context: {} })
	const typed = { deliveredOn: day(-1), deliveryMethod: 'Handed to the clerk at the board meeting', response: '', respondedOn: '' }

	const unasked = failure(await deliver(typed))
	expect(unasked.errors.closesSigning).toBe('Tick the box to confirm that saving closes signing')
	expect(unasked.values).toMatchObject({ deliveryMethod: 'Handed to the clerk at the board meeting' })
	expect((await getPetition({ role: 'anon' }, petition.slug))?.status).toBe('published')

	const saved = await deliver({ ...typed, closesSigning: 'on' })
	expect(saved).toBeInstanceOf(Response)
	expect((saved as Response).headers.get('Location')).toBe(`${path}?saved=deliver`)
	const delivered = await getPetition({ role: 'anon' }, petition.slug)
	expect(delivered).toMatchObject({ status: 'delivered', open: false, deliveredOn: day(-1) })
	expect(delivered?.closedAt).not.toBeNull()
})

test('impossible delivery dates are refused with clear messages and nothing typed is lost', async () => {
	const { petition, cookie } = await organizerWithPetition('closed')
	const path = `/petitions/${petition.slug}/manage`
	const deliver = (fields: Record<string, string>) =>
		manageAction({
			request: postForm(path, cookie, { intent: 'deliver', deliveryMethod: 'By email to the clerk', ...fields }),
			params: { slug: petition.slug },
			context: {},
		})

	const beforePublished = failure(await deliver({ deliveredOn: day(-30) }))
	expect(beforePublished.errors.deliveredOn).toMatch(
		/^The petition was published on \d{4}-\d{2}-\d{2}: it cannot have been delivered before that$/,
	)
	expect(failure(await deliver({ deliveredOn: day(3) })).errors.deliveredOn).toBe('The delivery date cannot be in the future')
	expect(failure(await deliver({ deliveredOn: '2026-02-30' })).errors.deliveredOn).toBe('Enter a date like 2026-12-31')

	const responseFirst = failure(await deliver({ deliveredOn: day(-2), response: 'We will consider it.', respondedOn: day(-5) }))
	expect(responseFirst.errors.respondedOn).toBe('The response cannot come before the delivery: check both dates')
	expect(responseFirst.values).toMatchObject({ response: 'We will consider it.', respondedOn: day(-5), deliveredOn: day(-2) })
	expect(failure(await deliver({ deliveredOn: day(-2), response: 'Yes.', respondedOn: day(4) })).errors.respondedOn).toBe(
		'The response date cannot be in the future',
	)
	expect(failure(await deliver({ deliveredOn: day(-2), respondedOn: day(-1) })).errors.response).toBe('Add the response, or clear its date')
	expect((await getPetition({ role: 'anon' }, petition.slug))?.status).toBe('closed')

	// Closed already: no question about closing, and a possible set of dates is saved.
	const saved = await deliver({ deliveredOn: day(-2), response: 'We will vote on it in January.', respondedOn: day(-1) })
	expect(saved).toBeInstanceOf(Response)
	expect(await getPetition({ role: 'anon' }, petition.slug)).toMatchObject({ status: 'delivered', respondedOn: day(-1) })
})
