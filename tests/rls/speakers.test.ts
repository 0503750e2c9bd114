import { expect, test } from 'vitest'
import { createUser } from '#tests/helpers/factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole, createSitingWorld } from '#tests/helpers/siting-factories'
import { createHearing, signUpAs } from '#tests/helpers/speaker-factories'

// Who signed up to speak, with their email address: seen by the speaker and
// by the organizers of the chapters working on the project, by nobody else
// (not visitors, not other organizers, not site moderators). Nobody writes a
// sign-up directly (private.sign_up_to_speak and friends do:
// tests/integration/speakers.test.ts); a speaker changes only their testimony.

const read = 'select id, email, name from public.speakers where id = $1'

test('a sign-up is seen by the speaker and the project’s organizers, and nobody else', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const hearing = await createHearing(client, world)
		const own = await signUpAs(client, world.member, hearing.clockId)
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [own.speaker_id])).length)
		expect(seen).toEqual({ anon: 0, member: 1, organizer: 1, otherOrganizer: 0, moderator: 0 })
		const stranger = await createUser(client)
		expect(await rowsVisibleAs(client, stranger, read, [own.speaker_id])).toEqual([])
	}))

test('a visitor’s email address is never public', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const hearing = await createHearing(client, world)
		const visitor = await signUpAs(client, 'anon', hearing.clockId, { email: 'dana@example.org' })
		expect(visitor.status).toBe('pending')
		expect((await failureAs(client, 'anon', 'select email from public.speakers')).code).toBe('42501')
		const emails = await byRole(world, async (actor) =>
			(
				await rowsVisibleAs<{ email: string }>(client, actor, 'select email from public.speakers where clock_id = $1', [hearing.clockId])
			).map((row) => row.email),
		)
		expect(emails).toEqual({ anon: [], member: [], organizer: ['dana@example.org'], otherOrganizer: [], moderator: [] })
		// Nor the token behind the person's links, nor their draft testimony, to anyone.
		expect((await failureAs(client, world.organizer, 'select token_hash from public.speakers')).code).toBe('42501')
		expect((await failureAs(client, world.organizer, 'select testimony from public.speakers')).code).toBe('42501')
		expect((await failureAs(client, world.member, 'select testimony from public.speakers')).code).toBe('42501')
	}))

test('nobody inserts or deletes a sign-up directly', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const hearing = await createHearing(client, world)
		const own = await signUpAs(client, world.member, hearing.clockId)
		const inserted = await byRole(world, (actor, role) =>
			rowsChangedAs(
				client,
				actor,
				`insert into public.speakers (clock_id, proceeding_id, user_id, name, email, status, slot, token_hash)
				values ($1, $2, $3, 'Someone', 'someone@example.org', 'listed', 99, decode(md5(random()::text), 'hex'))`,
				[hearing.clockId, hearing.proceedingId, role === 'anon' ? null : world[role].id],
			),
		)
		expect(inserted).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		const deleted = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, 'delete from public.speakers where id = $1', [own.speaker_id]),
		)
		expect(deleted).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
	}))

test('a speaker writes their own testimony and changes nothing else; organizers change nothing', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const hearing = await createHearing(client, world)
		const own = await signUpAs(client, world.member, hearing.clockId)
		const written = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, `update public.speakers set testimony = 'My well is 40 feet from the line.' where id = $1`, [
				own.speaker_id,
			]),
		)
		expect(written).toEqual({ anon: 0, member: 1, organizer: 0, otherOrganizer: 0, moderator: 0 })
		for (const [column, value] of [
			['slot', 1],
			['status', 'cancelled'],
			['email', 'other@example.org'],
			['user_id', world.organizer.id],
			['organization', 'Acme'],
		] as const) {
			const refused = await failureAs(client, world.member, `update public.speakers set ${column} = $2 where id = $1`, [
				own.speaker_id,
				value,
			])
			expect(refused.code, column).toBe('42501')
		}
	}))
