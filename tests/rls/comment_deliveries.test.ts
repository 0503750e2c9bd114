import { expect, test } from 'vitest'
import { commentTokenPair, createComment, createCommentWorld, createDelivery, createDrive } from '#tests/helpers/comment-factories'
import { rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole } from '#tests/helpers/siting-factories'

// Deliveries and their receipts: read by the drive's organizers and
// moderators; written by jobs (the service role) and, for a hand-off, by
// the holder of the comment's own link through private.record_hand_off.

test('a delivery is read by the drive’s organizers and moderators only', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const comment = await createComment(client, world.drive.id, { status: 'confirmed' })
		const delivery = await createDelivery(client, world.drive.id, comment.id)
		const seen = await byRole(
			world,
			async (actor) => (await rowsVisibleAs(client, actor, 'select id from public.comment_deliveries where id = $1', [delivery.id])).length,
		)
		expect(seen).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))

test('nobody marks a delivery delivered directly; the service role does', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const comment = await createComment(client, world.drive.id, { status: 'confirmed' })
		const delivery = await createDelivery(client, world.drive.id, comment.id)
		const mark = `update public.comment_deliveries set status = 'delivered', delivered_at = now(), receipt = 'x' where id = $1`
		const marked = await byRole(world, (actor) => rowsChangedAs(client, actor, mark, [delivery.id]))
		expect(marked).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		expect(await rowsChangedAs(client, 'service_role', mark, [delivery.id])).toBe(1)
		// Nothing is delivered twice: a second row for the same comment and channel is refused.
		await expect(createDelivery(client, world.drive.id, comment.id)).rejects.toMatchObject({ code: '23505' })
	}))

test('the hand-off is recorded by whoever holds the comment’s link, once, and by nobody else', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const handOffDrive = await createDrive(client, world, world.proceeding.id, { channel: 'printed' })
		const pair = commentTokenPair()
		const comment = await createComment(client, handOffDrive.id, { status: 'confirmed', token: pair.hash })
		await createDelivery(client, handOffDrive.id, comment.id, 'hand_off')
		const record = 'select private.record_hand_off($1, $2) as done'
		expect((await rowsVisibleAs<{ done: boolean }>(client, 'anon', record, [commentTokenPair().hash, 'X1']))[0]?.done).toBe(false)
		expect((await rowsVisibleAs<{ done: boolean }>(client, 'anon', record, [pair.hash, 'ABC-123']))[0]?.done).toBe(true)
		expect((await rowsVisibleAs<{ done: boolean }>(client, 'anon', record, [pair.hash, 'ABC-999']))[0]?.done).toBe(false)
		const receipt = await client.query<{ receipt: string; status: string }>(
			'select receipt, status from public.comment_deliveries where comment_id = $1',
			[comment.id],
		)
		expect(receipt.rows).toEqual([{ receipt: 'ABC-123', status: 'delivered' }])
	}))
