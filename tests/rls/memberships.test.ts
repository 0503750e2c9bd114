import type pg from 'pg'
import { expect, test } from 'vitest'
import { addMembership, createChapter, createChapterWithPeople, createUser, type Chapter, type User } from '#tests/helpers/factories'
import { describeActor, failureAs, onlyRow, queryAs, rowsChangedAs, rowsVisibleAs, withRollback, type Actor } from '#tests/helpers/rls'

const join = 'insert into public.memberships (chapter_id, user_id, role, status) values ($1, $2, $3, $4)'
const setStatus = 'update public.memberships set status = $3 where chapter_id = $1 and user_id = $2'
const setRole = 'update public.memberships set role = $3 where chapter_id = $1 and user_id = $2'
const leave = 'delete from public.memberships where chapter_id = $1 and user_id = $2'
const LAST_ORGANIZER = 'A chapter must keep at least one organizer'

async function visibleMemberIds(client: pg.Client, actor: Actor, chapter: Chapter) {
	const rows = await rowsVisibleAs<{ user_id: string }>(client, actor, 'select user_id from public.memberships where chapter_id = $1', [
		chapter.id,
	])
	return rows.map((row) => row.user_id).sort()
}

/** The membership as it really is, read as the superuser. */
async function membershipOf(client: pg.Client, chapter: Chapter, user: User) {
	const { rows } = await client.query<{ role: string; status: string }>(
		'select role, status from public.memberships where chapter_id = $1 and user_id = $2',
		[chapter.id, user.id],
	)
	return rows[0] ?? null
}

function ids(...users: User[]) {
	return users.map((user) => user.id).sort()
}

test('a signed-in person joins a public chapter as an active member and sees its members', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member, outsider } = await createChapterWithPeople(client, 'public')
		expect(await rowsChangedAs(client, outsider, join, [chapter.id, outsider.id, 'member', 'active'])).toBe(1)
		expect(await membershipOf(client, chapter, outsider)).toEqual({ role: 'member', status: 'active' })
		expect(await visibleMemberIds(client, outsider, chapter)).toEqual(ids(organizer, member, outsider))
	}))

test('asking to join a private chapter leaves the request pending', () =>
	withRollback(async (client) => {
		const { chapter, organizer, outsider } = await createChapterWithPeople(client, 'private')
		const straightIn = await failureAs(client, outsider, join, [chapter.id, outsider.id, 'member', 'active'])
		expect(straightIn.code).toBe('42501')
		expect(await rowsChangedAs(client, outsider, join, [chapter.id, outsider.id, 'member', 'pending'])).toBe(1)
		expect(await membershipOf(client, chapter, outsider)).toEqual({ role: 'member', status: 'pending' })
		expect(await visibleMemberIds(client, outsider, chapter)).toEqual(ids(organizer, outsider))
	}))

test('nobody makes themselves an organizer or invites themselves by joining', () =>
	withRollback(async (client) => {
		const publicChapter = await createChapterWithPeople(client, 'public')
		const privateChapter = await createChapterWithPeople(client, 'private')
		const attempts: [Chapter, string, string][] = [
			[publicChapter.chapter, 'organizer', 'active'],
			[publicChapter.chapter, 'member', 'invited'],
			[privateChapter.chapter, 'organizer', 'pending'],
			[privateChapter.chapter, 'organizer', 'active'],
			[privateChapter.chapter, 'member', 'invited'],
		]
		const joiner = await createUser(client)
		for (const [chapter, role, status] of attempts) {
			const error = await failureAs(client, joiner, join, [chapter.id, joiner.id, role, status])
			expect(error.code, `${chapter.visibility} ${role} ${status}`).toBe('42501')
		}
	}))

test('nobody but an organizer signs someone else up', () =>
	withRollback(async (client) => {
		const { chapter, member, pending, invited, outsider } = await createChapterWithPeople(client, 'public')
		const someoneElse = await createUser(client)
		for (const user of [member, pending, invited, outsider]) {
			for (const status of ['active', 'pending', 'invited']) {
				const error = await failureAs(client, user, join, [chapter.id, someoneElse.id, 'member', status])
				expect(error.code, `${describeActor(user)} ${status}`).toBe('42501')
			}
		}
		expect(await membershipOf(client, chapter, someoneElse)).toBeNull()
	}))

test('visitors cannot join or sign anyone up', () =>
	withRollback(async (client) => {
		const { chapter, outsider } = await createChapterWithPeople(client, 'public')
		for (const status of ['active', 'pending', 'invited']) {
			const error = await failureAs(client, 'anon', join, [chapter.id, outsider.id, 'member', status])
			expect(error.code, status).toBe('42501')
		}
	}))

// Invitations go by email, as chapter_invitations tokens the invited person
// accepts (decision 010). A membership row inserted for someone else would
// name them to the organizer and open their profile to whoever made a
// chapter for the purpose.
test('an organizer cannot write an invitation as a membership for someone else', () =>
	withRollback(async (client) => {
		const { chapter, organizer, outsider } = await createChapterWithPeople(client)
		for (const role of ['member', 'organizer']) {
			const error = await failureAs(client, organizer, join, [chapter.id, outsider.id, role, 'invited'])
			expect(error.code, role).toBe('42501')
		}
		expect(await membershipOf(client, chapter, outsider)).toBeNull()
	}))

test('nobody makes a chapter of their own to put someone into it and read their profile', () =>
	withRollback(async (client) => {
		const place = await createChapterWithPeople(client)
		const stalker = await createUser(client)
		const target = await createUser(client, { displayName: 'Quiet Resident' })
		const chapter = onlyRow(
			await queryAs<{ id: string }>(
				client,
				stalker,
				`insert into public.chapters (slug, name, jurisdiction_id, visibility, created_by)
				values ($1, 'A chapter made for this', $2, 'private', $3) returning id`,
				[`lure-${target.id.slice(0, 8)}`, place.chapter.jurisdictionId, stalker.id],
			),
		)
		for (const status of ['invited', 'pending', 'active']) {
			const error = await failureAs(client, stalker, join, [chapter.id, target.id, 'member', status])
			expect(error.code, status).toBe('42501')
		}
		expect(await rowsVisibleAs(client, stalker, 'select display_name from public.profiles where id = $1', [target.id])).toEqual([])
	}))

test('an organizer cannot add someone as active or pending without them', () =>
	withRollback(async (client) => {
		const { chapter, organizer, outsider } = await createChapterWithPeople(client, 'public')
		for (const status of ['active', 'pending']) {
			const error = await failureAs(client, organizer, join, [chapter.id, outsider.id, 'member', status])
			expect(error.code, status).toBe('42501')
		}
	}))

test('an organizer of another chapter cannot invite people into this one', () =>
	withRollback(async (client) => {
		const { chapter, outsider } = await createChapterWithPeople(client)
		const rival = await createChapterWithPeople(client)
		const error = await failureAs(client, rival.organizer, join, [chapter.id, outsider.id, 'member', 'invited'])
		expect(error.code).toBe('42501')
	}))

test('active members see the active members but not requests or invitations', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member } = await createChapterWithPeople(client)
		expect(await visibleMemberIds(client, member, chapter)).toEqual(ids(organizer, member))
	}))

test('organizers see every membership of their chapter', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member, pending, invited } = await createChapterWithPeople(client)
		expect(await visibleMemberIds(client, organizer, chapter)).toEqual(ids(organizer, member, pending, invited))
	}))

test('a pending member sees their own request and the organizers only', () =>
	withRollback(async (client) => {
		const { chapter, organizer, pending } = await createChapterWithPeople(client)
		expect(await visibleMemberIds(client, pending, chapter)).toEqual(ids(organizer, pending))
	}))

test('an invited person sees their invitation and the organizers only', () =>
	withRollback(async (client) => {
		const { chapter, organizer, invited } = await createChapterWithPeople(client)
		expect(await visibleMemberIds(client, invited, chapter)).toEqual(ids(organizer, invited))
	}))

test('outsiders see a chapter’s active organizers only', () =>
	withRollback(async (client) => {
		const { chapter, organizer, outsider } = await createChapterWithPeople(client)
		const invitedOrganizer = await createUser(client)
		await addMembership(client, chapter, invitedOrganizer, 'organizer', 'invited')
		expect(await visibleMemberIds(client, outsider, chapter)).toEqual(ids(organizer))
	}))

test('visitors see a chapter’s active organizers only', () =>
	withRollback(async (client) => {
		const { chapter, organizer } = await createChapterWithPeople(client)
		const invitedOrganizer = await createUser(client)
		await addMembership(client, chapter, invitedOrganizer, 'organizer', 'invited')
		expect(await visibleMemberIds(client, 'anon', chapter)).toEqual(ids(organizer))
	}))

test('an invited person accepts the invitation', () =>
	withRollback(async (client) => {
		const { chapter, invited } = await createChapterWithPeople(client)
		expect(await rowsChangedAs(client, invited, setStatus, [chapter.id, invited.id, 'active'])).toBe(1)
		expect(await membershipOf(client, chapter, invited)).toEqual({ role: 'member', status: 'active' })
	}))

test('an invited person cannot make themselves an organizer', () =>
	withRollback(async (client) => {
		const { chapter, invited } = await createChapterWithPeople(client)
		const acceptAsOrganizer = await failureAs(
			client,
			invited,
			`update public.memberships set role = 'organizer', status = 'active' where chapter_id = $1 and user_id = $2`,
			[chapter.id, invited.id],
		)
		expect(acceptAsOrganizer.code).toBe('42501')
		expect(await rowsChangedAs(client, invited, setRole, [chapter.id, invited.id, 'organizer'])).toBe(0)
		expect(await membershipOf(client, chapter, invited)).toEqual({ role: 'member', status: 'invited' })
	}))

test('a pending member cannot approve their own request', () =>
	withRollback(async (client) => {
		const { chapter, pending } = await createChapterWithPeople(client)
		expect(await rowsChangedAs(client, pending, setStatus, [chapter.id, pending.id, 'active'])).toBe(0)
		expect(await membershipOf(client, chapter, pending)).toEqual({ role: 'member', status: 'pending' })
	}))

test('a member cannot promote themselves or change anyone else’s membership', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member, pending } = await createChapterWithPeople(client)
		expect(await rowsChangedAs(client, member, setRole, [chapter.id, member.id, 'organizer'])).toBe(0)
		expect(await rowsChangedAs(client, member, setRole, [chapter.id, organizer.id, 'member'])).toBe(0)
		expect(await rowsChangedAs(client, member, setStatus, [chapter.id, pending.id, 'active'])).toBe(0)
		expect(await membershipOf(client, chapter, member)).toEqual({ role: 'member', status: 'active' })
		expect(await membershipOf(client, chapter, organizer)).toEqual({ role: 'organizer', status: 'active' })
		expect(await membershipOf(client, chapter, pending)).toEqual({ role: 'member', status: 'pending' })
	}))

test('outsiders, visitors and those not yet in cannot change memberships', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const actors: Actor[] = ['anon', outsider, pending, invited]
		for (const actor of actors) {
			expect(await rowsChangedAs(client, actor, setRole, [chapter.id, member.id, 'organizer']), describeActor(actor)).toBe(0)
			expect(await rowsChangedAs(client, actor, setRole, [chapter.id, organizer.id, 'member']), describeActor(actor)).toBe(0)
		}
		expect(await rowsChangedAs(client, 'anon', setStatus, [chapter.id, pending.id, 'active'])).toBe(0)
		expect(await rowsChangedAs(client, outsider, setStatus, [chapter.id, pending.id, 'active'])).toBe(0)
		expect(await rowsChangedAs(client, invited, setStatus, [chapter.id, pending.id, 'active'])).toBe(0)
		expect(await membershipOf(client, chapter, member)).toEqual({ role: 'member', status: 'active' })
		expect(await membershipOf(client, chapter, organizer)).toEqual({ role: 'organizer', status: 'active' })
		expect(await membershipOf(client, chapter, pending)).toEqual({ role: 'member', status: 'pending' })
	}))

test('someone invited to organize cannot manage memberships before accepting', () =>
	withRollback(async (client) => {
		const { chapter, pending, member, outsider } = await createChapterWithPeople(client)
		const invitedOrganizer = await createUser(client)
		await addMembership(client, chapter, invitedOrganizer, 'organizer', 'invited')
		expect(await rowsChangedAs(client, invitedOrganizer, setStatus, [chapter.id, pending.id, 'active'])).toBe(0)
		expect(await rowsChangedAs(client, invitedOrganizer, leave, [chapter.id, member.id])).toBe(0)
		const invite = await failureAs(client, invitedOrganizer, join, [chapter.id, outsider.id, 'member', 'invited'])
		expect(invite.code).toBe('42501')
	}))

test('an organizer approves a request to join', () =>
	withRollback(async (client) => {
		const { chapter, organizer, pending } = await createChapterWithPeople(client)
		expect(await rowsChangedAs(client, organizer, setStatus, [chapter.id, pending.id, 'active'])).toBe(1)
		expect(await membershipOf(client, chapter, pending)).toEqual({ role: 'member', status: 'active' })
	}))

// The insert policy makes an organizer's additions invitations; accepting one
// is the invited person's choice, or organizers could enrol anyone.
test('an organizer cannot accept an invitation on the invited person’s behalf', () =>
	withRollback(async (client) => {
		const { chapter, organizer, invited } = await createChapterWithPeople(client)
		await rowsChangedAs(client, organizer, setStatus, [chapter.id, invited.id, 'active'])
		expect(await membershipOf(client, chapter, invited)).toEqual({ role: 'member', status: 'invited' })
	}))

test('organizers promote members and demote other organizers', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member } = await createChapterWithPeople(client)
		expect(await rowsChangedAs(client, organizer, setRole, [chapter.id, member.id, 'organizer'])).toBe(1)
		expect(await membershipOf(client, chapter, member)).toEqual({ role: 'organizer', status: 'active' })
		expect(await rowsChangedAs(client, member, setRole, [chapter.id, organizer.id, 'member'])).toBe(1)
		expect(await membershipOf(client, chapter, organizer)).toEqual({ role: 'member', status: 'active' })
	}))

test('an organizer steps down once someone else organizes', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member } = await createChapterWithPeople(client)
		await client.query(`update public.memberships set role = 'organizer' where chapter_id = $1 and user_id = $2`, [chapter.id, member.id])
		expect(await rowsChangedAs(client, organizer, setRole, [chapter.id, organizer.id, 'member'])).toBe(1)
		expect(await membershipOf(client, chapter, organizer)).toEqual({ role: 'member', status: 'active' })
	}))

test('the last organizer cannot step down', () =>
	withRollback(async (client) => {
		const { chapter, organizer } = await createChapterWithPeople(client)
		const demote = await failureAs(client, organizer, setRole, [chapter.id, organizer.id, 'member'])
		expect(demote.message).toContain(LAST_ORGANIZER)
		const deactivate = await failureAs(client, organizer, setStatus, [chapter.id, organizer.id, 'pending'])
		expect(deactivate.message).toContain(LAST_ORGANIZER)
		expect(await membershipOf(client, chapter, organizer)).toEqual({ role: 'organizer', status: 'active' })
	}))

test('the last organizer cannot leave', () =>
	withRollback(async (client) => {
		const { chapter, organizer } = await createChapterWithPeople(client)
		const error = await failureAs(client, organizer, leave, [chapter.id, organizer.id])
		expect(error.message).toContain(LAST_ORGANIZER)
		expect(await membershipOf(client, chapter, organizer)).toEqual({ role: 'organizer', status: 'active' })
	}))

test('the service role cannot remove a chapter’s last organizer either', () =>
	withRollback(async (client) => {
		const { chapter, organizer } = await createChapterWithPeople(client)
		const error = await failureAs(client, 'service_role', leave, [chapter.id, organizer.id])
		expect(error.message).toContain(LAST_ORGANIZER)
	}))

test('an organizer removes members, requests, invitations and other organizers', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member, pending, invited } = await createChapterWithPeople(client)
		const coOrganizer = await createUser(client)
		await addMembership(client, chapter, coOrganizer, 'organizer', 'active')
		for (const user of [member, pending, invited, coOrganizer]) {
			expect(await rowsChangedAs(client, organizer, leave, [chapter.id, user.id]), describeActor(user)).toBe(1)
		}
		expect(await visibleMemberIds(client, 'service_role', chapter)).toEqual(ids(organizer))
	}))

test('members leave, and pending and invited people withdraw', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member, pending, invited } = await createChapterWithPeople(client)
		for (const user of [member, pending, invited]) {
			expect(await rowsChangedAs(client, user, leave, [chapter.id, user.id]), describeActor(user)).toBe(1)
		}
		expect(await visibleMemberIds(client, 'service_role', chapter)).toEqual(ids(organizer))
	}))

test('members, outsiders and visitors cannot remove anyone else', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const everyone = ids(organizer, member, pending, invited)
		const actors: Actor[] = ['anon', outsider, pending, invited, member]
		for (const actor of actors) {
			for (const userId of everyone) {
				if (typeof actor !== 'string' && actor.id === userId) continue
				const removed = await rowsChangedAs(client, actor, leave, [chapter.id, userId])
				expect(removed, `${describeActor(actor)} removing ${userId}`).toBe(0)
			}
		}
		expect(await visibleMemberIds(client, 'service_role', chapter)).toEqual(everyone)
	}))

test('an organizer of another chapter cannot change or remove this chapter’s memberships', () =>
	withRollback(async (client) => {
		const { chapter, member, pending } = await createChapterWithPeople(client)
		const rival = await createChapterWithPeople(client)
		expect(await rowsChangedAs(client, rival.organizer, setRole, [chapter.id, member.id, 'organizer'])).toBe(0)
		expect(await rowsChangedAs(client, rival.organizer, setStatus, [chapter.id, pending.id, 'active'])).toBe(0)
		expect(await rowsChangedAs(client, rival.organizer, leave, [chapter.id, member.id])).toBe(0)
		expect(await membershipOf(client, chapter, member)).toEqual({ role: 'member', status: 'active' })
	}))

test('a membership cannot be moved to another chapter or person', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member, outsider } = await createChapterWithPeople(client)
		const second = await createChapter(client, { organizer })
		const toChapter = await failureAs(
			client,
			organizer,
			'update public.memberships set chapter_id = $3 where chapter_id = $1 and user_id = $2',
			[chapter.id, member.id, second.id],
		)
		expect(toChapter.code).toBe('42501')
		const toPerson = await failureAs(
			client,
			organizer,
			'update public.memberships set user_id = $3 where chapter_id = $1 and user_id = $2',
			[chapter.id, member.id, outsider.id],
		)
		expect(toPerson.code).toBe('42501')
	}))

// Organizers archive a chapter instead (chapters.test.ts); the service role's
// admin tools still delete one outright.
test('deleting a chapter removes all its memberships, its last organizer’s too', () =>
	withRollback(async (client) => {
		const { chapter } = await createChapterWithPeople(client)
		expect(await rowsChangedAs(client, 'service_role', 'delete from public.chapters where id = $1', [chapter.id])).toBe(1)
		const { rowCount } = await client.query('select 1 from public.memberships where chapter_id = $1', [chapter.id])
		expect(rowCount).toBe(0)
	}))

test('the service role reads, adds, changes and removes any membership', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		expect(await visibleMemberIds(client, 'service_role', chapter)).toEqual(ids(organizer, member, pending, invited))
		expect(await rowsChangedAs(client, 'service_role', join, [chapter.id, outsider.id, 'organizer', 'active'])).toBe(1)
		expect(await rowsChangedAs(client, 'service_role', setRole, [chapter.id, organizer.id, 'member'])).toBe(1)
		expect(await rowsChangedAs(client, 'service_role', setStatus, [chapter.id, invited.id, 'active'])).toBe(1)
		expect(await rowsChangedAs(client, 'service_role', leave, [chapter.id, pending.id])).toBe(1)
		expect(await membershipOf(client, chapter, outsider)).toEqual({ role: 'organizer', status: 'active' })
		expect(await membershipOf(client, chapter, organizer)).toEqual({ role: 'member', status: 'active' })
		expect(await membershipOf(client, chapter, invited)).toEqual({ role: 'member', status: 'active' })
		expect(await membershipOf(client, chapter, pending)).toBeNull()
	}))
