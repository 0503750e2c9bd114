import { expect, test } from 'vitest'
import { byWho, createChapterWithPeople } from '#tests/helpers/factories'
import { failureAs, onlyRow, queryAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

const readMember = 'select frequency from public.chapter_subscriptions where chapter_id = $1 and user_id = $2'
const setMember = `update public.chapter_subscriptions set frequency = 'weekly' where chapter_id = $1 and user_id = $2`
const insert = `insert into public.chapter_subscriptions (chapter_id, user_id) values ($1, $2)`
const remove = 'delete from public.chapter_subscriptions where chapter_id = $1 and user_id = $2'

test('active members get email settings (each update, by default); those not yet in get none', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'private')
		const { rows } = await client.query<{ user_id: string; frequency: string }>(
			'select user_id, frequency from public.chapter_subscriptions where chapter_id = $1 order by user_id',
			[people.chapter.id],
		)
		expect(rows).toEqual(
			[people.organizer, people.member]
				.map((user) => ({ user_id: user.id, frequency: 'immediate' }))
				.sort((a, b) => a.user_id.localeCompare(b.user_id)),
		)
		await client.query(`update public.memberships set status = 'active' where chapter_id = $1 and user_id = $2`, [
			people.chapter.id,
			people.pending.id,
		])
		expect(onlyRow(await client.query(readMember, [people.chapter.id, people.pending.id]))).toEqual({ frequency: 'immediate' })
	}))

test('a member’s email settings are read by that member and the service role only — not by organizers', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const seen = await byWho(
			people,
			async (actor) => (await rowsVisibleAs(client, actor, readMember, [people.chapter.id, people.member.id])).length,
		)
		expect(seen).toEqual({ anon: 0, outsider: 0, pending: 0, member: 1, organizer: 0, service_role: 1 })
	}))

test('only the member (and the service role) changes their email settings', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const changed = await byWho(people, (actor) => rowsChangedAs(client, actor, setMember, [people.chapter.id, people.member.id]))
		expect(changed).toEqual({ anon: 0, outsider: 0, pending: 0, member: 1, organizer: 0, service_role: 1 })
		const token = await failureAs(
			client,
			people.member,
			'update public.chapter_subscriptions set unsubscribe_token = gen_random_uuid() where chapter_id = $1 and user_id = $2',
			[people.chapter.id, people.member.id],
		)
		expect(token.code).toBe('42501')
	}))

test('email settings are created and removed with the membership, never directly', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const inserted = await byWho(people, (actor) => rowsChangedAs(client, actor, insert, [people.chapter.id, people.pending.id]))
		expect(inserted).toEqual({ anon: 0, outsider: 0, pending: 0, member: 0, organizer: 0, service_role: 1 })
		const removed = await byWho(people, (actor) => rowsChangedAs(client, actor, remove, [people.chapter.id, people.pending.id]))
		expect(removed).toEqual({ anon: 0, outsider: 0, pending: 0, member: 0, organizer: 0, service_role: 1 })
		await queryAs(client, people.organizer, 'delete from public.memberships where chapter_id = $1 and user_id = $2', [
			people.chapter.id,
			people.member.id,
		])
		expect((await client.query(readMember, [people.chapter.id, people.member.id])).rows).toEqual([])
	}))

test('anyone holding the unsubscribe link stops that chapter’s emails, and only that chapter’s', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const other = await createChapterWithPeople(client, 'public')
		await client.query(`insert into public.memberships (chapter_id, user_id, status) values ($1, $2, 'active')`, [
			other.chapter.id,
			people.member.id,
		])
		const { unsubscribe_token: token } = onlyRow(
			await client.query<{ unsubscribe_token: string }>(
				'select unsubscribe_token from public.chapter_subscriptions where chapter_id = $1 and user_id = $2',
				[people.chapter.id, people.member.id],
			),
		)
		const page = onlyRow(await queryAs(client, 'anon', 'select * from private.chapter_subscription_by_token($1)', [token]))
		expect(page).toMatchObject({ chapter_slug: people.chapter.slug, frequency: 'immediate' })
		expect(onlyRow(await queryAs(client, 'anon', 'select * from private.unsubscribe_by_token($1)', [token]))).toMatchObject({
			chapter_slug: people.chapter.slug,
		})
		expect(onlyRow(await client.query(readMember, [people.chapter.id, people.member.id]))).toEqual({ frequency: 'none' })
		expect(onlyRow(await client.query(readMember, [other.chapter.id, people.member.id]))).toEqual({ frequency: 'immediate' })
		expect(
			(await queryAs(client, 'anon', 'select * from private.unsubscribe_by_token($1)', ['00000000-0000-4000-8000-000000000000'])).rows,
		).toEqual([])
	}))

test('only jobs read recipients’ addresses; only organizers read the chapter’s counts', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const recipients = await byWho(people, async (actor) => {
			const rows = await rowsVisibleAs(client, actor, `select * from private.chapter_email_recipients($1, 'immediate')`, [
				people.chapter.id,
			])
			return rows.length
		})
		expect(recipients).toEqual({ anon: 0, outsider: 0, pending: 0, member: 0, organizer: 0, service_role: 2 })
		const counts = await byWho(people, async (actor) => {
			const rows = await rowsVisibleAs<{ members: string }>(client, actor, 'select * from private.chapter_subscription_counts($1)', [
				people.chapter.id,
			])
			return rows.map((row) => Number(row.members)).join(',')
		})
		expect(counts).toEqual({ anon: '', outsider: '', pending: '', member: '', organizer: '2', service_role: '' })
	}))
