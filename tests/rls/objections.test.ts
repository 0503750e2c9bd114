import { expect, test } from 'vitest'
import { addMembership, createUser } from '#tests/helpers/factories'
import { approve, byObjectionRole, createObjectionWorld, publishFiled } from '#tests/helpers/objection-factories'
import { failureAs, queryAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// An objection is the chapter's own until it is filed and published: then
// anyone reads it. Organizers write it; another organizer approves it.

const read = 'select id from public.objections where id = $1'

test('a draft is read by the chapter only; a published filing by everyone', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		const draft = await byObjectionRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [world.objection.id])).length)
		expect(draft).toEqual({ anon: 0, outsider: 0, member: 1, author: 1, coOrganizer: 1 })
		await publishFiled(client, world)
		const published = await byObjectionRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [world.objection.id])).length)
		expect(published).toEqual({ anon: 1, outsider: 1, member: 1, author: 1, coOrganizer: 1 })
		expect((await failureAs(client, 'anon', 'select signing_token from public.objections where id = $1', [world.objection.id])).code).toBe(
			'42501',
		)
	}))

test('only the chapter’s organizers start an objection, as its author', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		const insert = `insert into public.objections (proceeding_id, chapter_id, author_id, subject) values ($1, $2, $3, 'Another objection')`
		const started = await byObjectionRole(world, (actor, role) =>
			rowsChangedAs(client, actor, insert, [
				world.proceeding.id,
				world.chapter.id,
				role === 'anon' ? world.organizer.id : typeof actor === 'string' ? world.organizer.id : actor.id,
			]),
		)
		expect(started).toEqual({ anon: 0, outsider: 0, member: 0, author: 1, coOrganizer: 1 })
		expect((await failureAs(client, world.organizer, insert, [world.proceeding.id, world.chapter.id, world.coOrganizer.id])).code).toBe(
			'42501',
		)
	}))

test('only organizers edit; the author cannot approve their own draft when another organizer can', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		const edit = `update public.objections set relief = array['deny'] where id = $1`
		const edited = await byObjectionRole(world, (actor) => rowsChangedAs(client, actor, edit, [world.objection.id]))
		expect(edited).toEqual({ anon: 0, outsider: 0, member: 0, author: 1, coOrganizer: 1 })
		const own = await failureAs(client, world.organizer, `update public.objections set status = 'approved' where id = $1`, [
			world.objection.id,
		])
		expect(own.hint).toBe('objection_needs_other_organizer')
		await approve(client, world)
		const row = (
			await client.query('select approved_by, self_approved, approved_version from public.objections where id = $1', [world.objection.id])
		).rows[0]
		expect(row).toEqual({ approved_by: world.coOrganizer.id, self_approved: false, approved_version: 1 })
	}))

test('a chapter with one organizer approves its own draft, and the record says so', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		await client.query(`update public.memberships set role = 'member' where chapter_id = $1 and user_id = $2`, [
			world.chapter.id,
			world.coOrganizer.id,
		])
		await queryAs(client, world.organizer, `update public.objections set status = 'approved' where id = $1`, [world.objection.id])
		const row = (await client.query('select approved_by, self_approved from public.objections where id = $1', [world.objection.id])).rows[0]
		expect(row).toEqual({ approved_by: world.organizer.id, self_approved: true })
	}))

test('a filed objection is the record: its text and status no longer move, and only then is it published', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		const early = await failureAs(client, world.organizer, 'update public.objections set published_at = now() where id = $1', [
			world.objection.id,
		])
		expect(early.hint).toBe('objection_not_filed')
		const unapproved = await failureAs(client, world.organizer, `update public.objections set status = 'filed' where id = $1`, [
			world.objection.id,
		])
		expect(unapproved.hint).toBe('objection_not_approved')
		await publishFiled(client, world)
		const changed = await failureAs(client, world.organizer, `update public.objections set subject = 'Rewritten later' where id = $1`, [
			world.objection.id,
		])
		expect(changed.hint).toBe('objection_filed')
		// The outcome is still recorded afterwards.
		expect(
			await rowsChangedAs(
				client,
				world.organizer,
				`update public.objections set outcome = 'Denied', conditions_adopted = array['x'] where id = $1`,
				[world.objection.id],
			),
		).toBe(1)
	}))

test('only organizers delete an unfiled draft; the signer count and approval are not theirs to set', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		for (const column of ['signer_count', 'approved_by', 'self_approved', 'signing_token', 'filed_at']) {
			const value =
				column === 'approved_by'
					? world.member.id
					: column === 'self_approved'
						? true
						: column === 'signing_token'
							? 'x'
							: column === 'filed_at'
								? 'now()'
								: 99
			expect(
				(await failureAs(client, world.organizer, `update public.objections set ${column} = $2 where id = $1`, [world.objection.id, value]))
					.code,
				column,
			).toBe('42501')
		}
		const stranger = await createUser(client)
		await addMembership(client, world.otherChapter, stranger, 'member', 'active')
		const removed = await byObjectionRole(world, (actor) =>
			rowsChangedAs(client, actor, 'delete from public.objections where id = $1', [world.objection.id]),
		)
		expect(removed).toEqual({ anon: 0, outsider: 0, member: 0, author: 1, coOrganizer: 0 })
	}))
