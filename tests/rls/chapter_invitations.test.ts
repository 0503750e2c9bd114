import { expect, test } from 'vitest'
import { byWho, createChapterWithPeople, createInvitation, createUser, invitationToken } from '#tests/helpers/factories'
import { failureAs, onlyRow, queryAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

const read = 'select id from public.chapter_invitations where id = $1'
const insert = `insert into public.chapter_invitations (chapter_id, email, token_hash, invited_by) values ($1, 'new@groundwork.test', $2, $3)`
const revoke = 'update public.chapter_invitations set revoked_at = now() where id = $1'
const remove = 'delete from public.chapter_invitations where id = $1'
const accept = 'select * from private.accept_chapter_invitation($1)'

test('only the chapter’s organizers (and the service role) read its invitations', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const invitation = await createInvitation(client, people)
		const seen = await byWho(people, async (actor) => (await rowsVisibleAs(client, actor, read, [invitation.id])).length)
		expect(seen).toEqual({ anon: 0, outsider: 0, pending: 0, member: 0, organizer: 1, service_role: 1 })
	}))

test('only organizers invite, and only in their own name', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'private')
		const invited = await byWho(people, async (actor, who) => {
			const inviter = who === 'anon' || who === 'service_role' ? people.organizer.id : people[who].id
			return rowsChangedAs(client, actor, insert, [people.chapter.id, invitationToken().hash, inviter])
		})
		expect(invited).toEqual({ anon: 0, outsider: 0, pending: 0, member: 0, organizer: 1, service_role: 1 })
		const forged = await failureAs(client, people.organizer, insert, [people.chapter.id, invitationToken().hash, people.member.id])
		expect(forged.code).toBe('42501')
	}))

test('only organizers withdraw invitations; nobody but the service role deletes one', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const revoked = await byWho(people, async (actor) =>
			rowsChangedAs(client, actor, revoke, [(await createInvitation(client, people)).id]),
		)
		expect(revoked).toEqual({ anon: 0, outsider: 0, pending: 0, member: 0, organizer: 1, service_role: 1 })
		const removed = await byWho(people, async (actor) =>
			rowsChangedAs(client, actor, remove, [(await createInvitation(client, people)).id]),
		)
		expect(removed).toEqual({ anon: 0, outsider: 0, pending: 0, member: 0, organizer: 0, service_role: 1 })
	}))

test('an organizer cannot mark an invitation accepted or change where it points', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const invitation = await createInvitation(client, people)
		for (const change of ['accepted_at = now()', `email = 'other@groundwork.test'`, `expires_at = now() + interval '1 year'`]) {
			const error = await failureAs(client, people.organizer, `update public.chapter_invitations set ${change} where id = $1`, [
				invitation.id,
			])
			expect(error.code, change).toBe('42501')
		}
	}))

test('the invited person accepts once: the second use says it was used', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'private')
		const invitation = await createInvitation(client, people)
		const newcomer = await createUser(client)
		expect(onlyRow(await queryAs(client, newcomer, accept, [invitation.token]))).toEqual({
			outcome: 'accepted',
			chapter_slug: people.chapter.slug,
		})
		const membership = onlyRow(
			await client.query('select role, status from public.memberships where chapter_id = $1 and user_id = $2', [
				people.chapter.id,
				newcomer.id,
			]),
		)
		expect(membership).toEqual({ role: 'member', status: 'active' })
		const other = await createUser(client)
		expect(onlyRow(await queryAs(client, other, accept, [invitation.token])).outcome).toBe('used')
		expect(onlyRow(await queryAs(client, newcomer, accept, [invitation.token])).outcome).toBe('used')
	}))

test('an expired, withdrawn or unknown invitation is refused with its reason', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const expired = await createInvitation(client, people, { expiresAt: new Date(Date.now() - 60_000).toISOString() })
		const withdrawn = await createInvitation(client, people)
		await client.query(revoke, [withdrawn.id])
		expect(onlyRow(await queryAs(client, people.outsider, accept, [expired.token])).outcome).toBe('expired')
		expect(onlyRow(await queryAs(client, people.outsider, accept, [withdrawn.token])).outcome).toBe('revoked')
		expect(onlyRow(await queryAs(client, people.outsider, accept, ['not-a-real-token'])).outcome).toBe('not_found')
		const { rows } = await client.query('select 1 from public.memberships where chapter_id = $1 and user_id = $2', [
			people.chapter.id,
			people.outsider.id,
		])
		expect(rows).toEqual([])
	}))

test('accepting turns a pending request into membership; a member’s own use just spends the link', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'private')
		const forPending = await createInvitation(client, people)
		expect(onlyRow(await queryAs(client, people.pending, accept, [forPending.token])).outcome).toBe('accepted')
		const forMember = await createInvitation(client, people)
		expect(onlyRow(await queryAs(client, people.member, accept, [forMember.token])).outcome).toBe('already_member')
		const status = onlyRow(
			await client.query('select status from public.memberships where chapter_id = $1 and user_id = $2', [
				people.chapter.id,
				people.pending.id,
			]),
		)
		expect(status).toEqual({ status: 'active' })
	}))

test('visitors cannot accept; they may only see which chapter an invitation is for', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const invitation = await createInvitation(client, people)
		expect((await failureAs(client, 'anon', accept, [invitation.token])).code).toBe('42501')
		const preview = onlyRow(await queryAs(client, 'anon', 'select * from private.chapter_invitation_by_token($1)', [invitation.token]))
		expect(preview).toMatchObject({ chapter_id: people.chapter.id, invited_by_name: 'Olive Organizer', state: 'valid' })
		expect(Object.keys(preview)).not.toContain('email')
	}))

test('sending, accepting and withdrawing invitations are written to the audit log', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const newcomer = await createUser(client)
		await queryAs(client, people.organizer, insert, [people.chapter.id, invitationToken().hash, people.organizer.id])
		const invitation = await createInvitation(client, people)
		await queryAs(client, newcomer, accept, [invitation.token])
		const { rows } = await client.query<{ action: string; actor_id: string | null; subject_user_id: string | null }>(
			`select action, actor_id, subject_user_id from public.chapter_audit_log
			where chapter_id = $1 and (action like 'invitation.%' or subject_user_id = $2) order by id`,
			[people.chapter.id, newcomer.id],
		)
		expect(rows).toEqual([
			{ action: 'invitation.sent', actor_id: people.organizer.id, subject_user_id: null },
			{ action: 'invitation.sent', actor_id: null, subject_user_id: null },
			{ action: 'invitation.accepted', actor_id: newcomer.id, subject_user_id: newcomer.id },
			{ action: 'member.joined', actor_id: newcomer.id, subject_user_id: newcomer.id },
		])
	}))
