import { expect, test } from 'vitest'
import { createChapterWithPeople, createUser } from '#tests/helpers/factories'
import { describeActor, failureAs, rowsChangedAs, rowsVisibleAs, withRollback, type Actor } from '#tests/helpers/rls'

const readSettings = 'select user_id, locale from public.profile_settings where user_id = $1'

test('a signed-in person reads their own settings whatever their chapter role', () =>
	withRollback(async (client) => {
		const { organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		for (const user of [organizer, member, pending, invited, outsider]) {
			const rows = await rowsVisibleAs(client, user, readSettings, [user.id])
			expect(rows, describeActor(user)).toEqual([{ user_id: user.id, locale: 'en' }])
		}
	}))

test('nobody else reads someone’s settings, not their chapter mates or organizers', () =>
	withRollback(async (client) => {
		const { organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const actors: Actor[] = ['anon', organizer, pending, invited, outsider]
		for (const actor of actors) {
			expect(await rowsVisibleAs(client, actor, readSettings, [member.id]), describeActor(actor)).toEqual([])
		}
		expect(await rowsVisibleAs(client, member, readSettings, [organizer.id])).toEqual([])
	}))

test('a signed-in person updates their own settings whatever their chapter role', () =>
	withRollback(async (client) => {
		const { organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const update = `update public.profile_settings set postal_code = '22101', locale = 'es' where user_id = $1`
		for (const user of [organizer, member, pending, invited, outsider]) {
			expect(await rowsChangedAs(client, user, update, [user.id]), describeActor(user)).toBe(1)
			const { rows } = await client.query('select postal_code, locale from public.profile_settings where user_id = $1', [user.id])
			expect(rows, describeActor(user)).toEqual([{ postal_code: '22101', locale: 'es' }])
		}
	}))

test('nobody else updates someone’s settings', () =>
	withRollback(async (client) => {
		const { organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const update = `update public.profile_settings set postal_code = '99999' where user_id = $1`
		const actors: Actor[] = ['anon', organizer, pending, invited, outsider]
		for (const actor of actors) {
			expect(await rowsChangedAs(client, actor, update, [member.id]), describeActor(actor)).toBe(0)
		}
		const { rows } = await client.query('select postal_code from public.profile_settings where user_id = $1', [member.id])
		expect(rows).toEqual([{ postal_code: null }])
	}))

test('a person cannot hand their settings row to another account', () =>
	withRollback(async (client) => {
		const { member, outsider } = await createChapterWithPeople(client)
		// Free the target id so only a policy could stop the move.
		await client.query('delete from public.profile_settings where user_id = $1', [outsider.id])
		const error = await failureAs(client, member, 'update public.profile_settings set user_id = $1 where user_id = $2', [
			outsider.id,
			member.id,
		])
		expect(error.code).toBe('42501')
	}))

test('nobody creates settings directly, not even their own', () =>
	withRollback(async (client) => {
		const { organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const users = [organizer, member, pending, invited, outsider]
		// Remove the trigger-made rows so an insert could only fail because of a policy.
		await client.query('delete from public.profile_settings where user_id = any($1)', [users.map((user) => user.id)])
		const create = 'insert into public.profile_settings (user_id) values ($1)'
		for (const user of users) {
			const error = await failureAs(client, user, create, [user.id])
			expect(error.code, describeActor(user)).toBe('42501')
		}
		const error = await failureAs(client, 'anon', create, [outsider.id])
		expect(error.code).toBe('42501')
	}))

test('nobody deletes settings directly, not even their own', () =>
	withRollback(async (client) => {
		const { organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const remove = 'delete from public.profile_settings where user_id = $1'
		for (const user of [organizer, member, pending, invited, outsider]) {
			expect(await rowsChangedAs(client, user, remove, [user.id]), describeActor(user)).toBe(0)
		}
		expect(await rowsChangedAs(client, 'anon', remove, [member.id])).toBe(0)
		const { rowCount } = await client.query('select 1 from public.profile_settings where user_id = any($1)', [
			[organizer.id, member.id, pending.id, invited.id, outsider.id],
		])
		expect(rowCount).toBe(5)
	}))

test('settings are made with the account and removed with it', () =>
	withRollback(async (client) => {
		const user = await createUser(client)
		const created = await client.query('select locale, time_zone from public.profile_settings where user_id = $1', [user.id])
		expect(created.rows).toEqual([{ locale: 'en', time_zone: 'America/New_York' }])
		await client.query('delete from auth.users where id = $1', [user.id])
		const removed = await client.query('select 1 from public.profile_settings where user_id = $1', [user.id])
		expect(removed.rowCount).toBe(0)
	}))

test('the service role reads, creates, updates and deletes anyone’s settings', () =>
	withRollback(async (client) => {
		const { member, outsider } = await createChapterWithPeople(client)
		expect(await rowsVisibleAs(client, 'service_role', readSettings, [member.id])).toHaveLength(1)
		const update = `update public.profile_settings set time_zone = 'America/Chicago' where user_id = $1`
		expect(await rowsChangedAs(client, 'service_role', update, [member.id])).toBe(1)
		const remove = 'delete from public.profile_settings where user_id = $1'
		expect(await rowsChangedAs(client, 'service_role', remove, [outsider.id])).toBe(1)
		const create = 'insert into public.profile_settings (user_id) values ($1)'
		expect(await rowsChangedAs(client, 'service_role', create, [outsider.id])).toBe(1)
	}))
