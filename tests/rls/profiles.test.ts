import type pg from 'pg'
import { expect, test } from 'vitest'
import { addMembership, createChapterWithPeople, createUser } from '#tests/helpers/factories'
import { describeActor, failureAs, rowsChangedAs, rowsVisibleAs, withRollback, type Actor } from '#tests/helpers/rls'

async function visibleProfileIds(client: pg.Client, actor: Actor, ids: string[]) {
	const rows = await rowsVisibleAs<{ id: string }>(client, actor, 'select id from public.profiles where id = any($1)', [ids])
	return rows.map((row) => row.id).sort()
}

test('visitors see the profiles of active organizers and no one else', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const invitedOrganizer = await createUser(client)
		await addMembership(client, chapter, invitedOrganizer, 'organizer', 'invited')
		const ids = [organizer.id, member.id, pending.id, invited.id, outsider.id, invitedOrganizer.id]
		expect(await visibleProfileIds(client, 'anon', ids)).toEqual([organizer.id])
	}))

test('a signed-in person sees their own profile whatever their chapter role', () =>
	withRollback(async (client) => {
		const { organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		for (const user of [organizer, member, pending, invited, outsider]) {
			expect(await visibleProfileIds(client, user, [user.id]), describeActor(user)).toEqual([user.id])
		}
	}))

test('active members see the profiles of their chapter mates and organizers', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member } = await createChapterWithPeople(client)
		const mate = await createUser(client)
		await addMembership(client, chapter, mate, 'member', 'active')
		expect(await visibleProfileIds(client, member, [organizer.id, mate.id])).toEqual([organizer.id, mate.id].sort())
		expect(await visibleProfileIds(client, organizer, [member.id, mate.id])).toEqual([member.id, mate.id].sort())
	}))

test('a signed-in outsider sees organizers but not members', () =>
	withRollback(async (client) => {
		const { organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const ids = [organizer.id, member.id, pending.id, invited.id]
		expect(await visibleProfileIds(client, outsider, ids)).toEqual([organizer.id])
	}))

test('a pending member does not see the profiles of the chapter members', () =>
	withRollback(async (client) => {
		const { organizer, member, invited, pending } = await createChapterWithPeople(client)
		expect(await visibleProfileIds(client, pending, [organizer.id, member.id, invited.id])).toEqual([organizer.id])
	}))

test('members do not see the profiles of people who have asked to join or been invited', () =>
	withRollback(async (client) => {
		const { member, pending, invited } = await createChapterWithPeople(client)
		expect(await visibleProfileIds(client, member, [pending.id, invited.id])).toEqual([])
	}))

// An organizer approves each request to join a private chapter, so needs to
// know who is asking; and to see whom they have invited.
test('an organizer sees the profiles of people asking to join or invited to their chapter', () =>
	withRollback(async (client) => {
		const { organizer, pending, invited } = await createChapterWithPeople(client)
		expect(await visibleProfileIds(client, organizer, [pending.id, invited.id])).toEqual([pending.id, invited.id].sort())
	}))

test('the profile of someone who left a chapter is hidden from its members again', () =>
	withRollback(async (client) => {
		const { chapter, member } = await createChapterWithPeople(client)
		const leaver = await createUser(client)
		await addMembership(client, chapter, leaver, 'member', 'active')
		expect(await visibleProfileIds(client, member, [leaver.id])).toEqual([leaver.id])
		await client.query('delete from public.memberships where chapter_id = $1 and user_id = $2', [chapter.id, leaver.id])
		expect(await visibleProfileIds(client, member, [leaver.id])).toEqual([])
	}))

test('a signed-in person updates their own profile whatever their chapter role', () =>
	withRollback(async (client) => {
		const { organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		for (const user of [organizer, member, pending, invited, outsider]) {
			const changed = await rowsChangedAs(client, user, `update public.profiles set display_name = 'New Name' where id = $1`, [user.id])
			expect(changed, describeActor(user)).toBe(1)
			const { rows } = await client.query('select display_name from public.profiles where id = $1', [user.id])
			expect(rows, describeActor(user)).toEqual([{ display_name: 'New Name' }])
		}
	}))

test('nobody updates someone else’s profile, not even an organizer of their chapter', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const mate = await createUser(client, { displayName: 'Original Name' })
		await addMembership(client, chapter, mate, 'member', 'active')
		const actors: Actor[] = ['anon', organizer, member, pending, invited, outsider]
		for (const actor of actors) {
			const changed = await rowsChangedAs(client, actor, `update public.profiles set display_name = 'Defaced' where id = $1`, [mate.id])
			expect(changed, describeActor(actor)).toBe(0)
		}
		const { rows } = await client.query('select display_name from public.profiles where id = $1', [mate.id])
		expect(rows).toEqual([{ display_name: 'Original Name' }])
	}))

test('a person cannot move their profile onto another account', () =>
	withRollback(async (client) => {
		const { member, outsider } = await createChapterWithPeople(client)
		// Free the target id so only a policy could stop the move.
		await client.query('delete from public.profiles where id = $1', [outsider.id])
		const error = await failureAs(client, member, 'update public.profiles set id = $1 where id = $2', [outsider.id, member.id])
		expect(error.code).toBe('42501')
	}))

test('nobody creates a profile directly, not even their own', () =>
	withRollback(async (client) => {
		const { organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const users = [organizer, member, pending, invited, outsider]
		// Remove the trigger-made rows so an insert could only fail because of a policy.
		await client.query('delete from public.profiles where id = any($1)', [users.map((user) => user.id)])
		for (const user of users) {
			const error = await failureAs(client, user, `insert into public.profiles (id, display_name) values ($1, 'Me')`, [user.id])
			expect(error.code, describeActor(user)).toBe('42501')
		}
		const error = await failureAs(client, 'anon', `insert into public.profiles (id, display_name) values ($1, 'Me')`, [outsider.id])
		expect(error.code).toBe('42501')
	}))

test('nobody deletes a profile directly, not even their own', () =>
	withRollback(async (client) => {
		const { organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const remove = 'delete from public.profiles where id = $1'
		for (const user of [organizer, member, pending, invited, outsider]) {
			expect(await rowsChangedAs(client, user, remove, [user.id]), describeActor(user)).toBe(0)
		}
		expect(await rowsChangedAs(client, organizer, remove, [member.id])).toBe(0)
		expect(await rowsChangedAs(client, 'anon', remove, [organizer.id])).toBe(0)
		const { rowCount } = await client.query('select 1 from public.profiles where id = any($1)', [
			[organizer.id, member.id, pending.id, invited.id, outsider.id],
		])
		expect(rowCount).toBe(5)
	}))

test('a profile is made with the account and removed with it', () =>
	withRollback(async (client) => {
		const user = await createUser(client, { displayName: '  Dana Doe  ' })
		const created = await client.query('select display_name from public.profiles where id = $1', [user.id])
		expect(created.rows).toEqual([{ display_name: 'Dana Doe' }])
		await client.query('delete from auth.users where id = $1', [user.id])
		const removed = await client.query('select 1 from public.profiles where id = $1', [user.id])
		expect(removed.rowCount).toBe(0)
	}))

test('the service role reads, creates, updates and deletes any profile', () =>
	withRollback(async (client) => {
		const { member, outsider } = await createChapterWithPeople(client)
		const ids = [member.id, outsider.id]
		expect(await visibleProfileIds(client, 'service_role', ids)).toEqual(ids.sort())
		const rename = `update public.profiles set display_name = 'By Admin' where id = $1`
		expect(await rowsChangedAs(client, 'service_role', rename, [member.id])).toBe(1)
		expect(await rowsChangedAs(client, 'service_role', 'delete from public.profiles where id = $1', [outsider.id])).toBe(1)
		const create = `insert into public.profiles (id, display_name) values ($1, 'Back')`
		expect(await rowsChangedAs(client, 'service_role', create, [outsider.id])).toBe(1)
	}))
