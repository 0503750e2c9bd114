import { createHash, createHmac, randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { asCaller, type Caller } from '#app/db/db.server'
import { queueEmails } from '#app/email/email.server'
import { env } from '#app/utils/env.server'

// Following a project: with an account (counts at once) or with an email
// address alone (counts once the emailed link is opened). The page answers
// the same whatever the address's history; the email says what happened, as
// signing a petition does (docs/decisions/032, 048).
//
// A follow's link token is derived from its id with a server secret, and only
// its sha256 is stored: the link can be sent again in every reminder without
// being kept anywhere a database reader could take it.

let linkKey: Buffer | undefined
function key() {
	linkKey ??= createHmac('sha256', env().SUPABASE_SERVICE_ROLE_KEY).update('groundwork:follow-link:v1').digest()
	return linkKey
}

export function followToken(followId: string) {
	return createHmac('sha256', key()).update(followId).digest('base64url')
}

function tokenHash(token: string) {
	return createHash('sha256').update(token, 'utf8').digest()
}

export function followLinks(followId: string) {
	const token = followToken(followId)
	const site = env().SITE_URL
	return {
		confirmUrl: new URL(`/follows/confirm?token=${encodeURIComponent(token)}`, site).toString(),
		unsubscribeUrl: new URL(`/follows/stop?token=${encodeURIComponent(token)}`, site).toString(),
	}
}

export type FollowChoice = { remindDays: number[]; digest: boolean }

/** An email-only follow: queues the confirmation (or "already following") in the same transaction. */
export async function followByEmail(
	caller: Caller,
	project: { id: string; slug: string; name: string },
	email: string,
	choice: FollowChoice,
) {
	const newId = randomUUID()
	await asCaller(caller, async (trx) => {
		const { rows } = await sql<{ follow_id: string; outcome: 'confirm' | 'already' }>`
			select follow_id, outcome from private.follow_by_email(
				${newId}::uuid, ${email}, ${project.id}::uuid, null::uuid,
				${sql.val(choice.remindDays)}::integer[], ${choice.digest}, ${tokenHash(followToken(newId))}
			)`.execute(trx)
		const result = rows[0]
		if (!result) return
		const hour = Math.floor(Date.now() / 3_600_000)
		await queueEmails(trx, [
			{
				to: email,
				template: 'follow',
				props: {
					kind: result.outcome,
					projectName: project.name,
					projectUrl: new URL(`/projects/${project.slug}`, env().SITE_URL).toString(),
					...followLinks(result.follow_id),
				},
				// At most one such email an hour per follow: nobody can fill an inbox by typing an address again and again.
				idempotencyKey: `follow-${result.outcome}:${result.follow_id}:${hour}`,
			},
		])
	})
}

/** A signed-in person's follow: confirmed at once; following again changes only the schedule. */
export async function followAsUser(caller: Caller, userId: string, projectId: string, choice: FollowChoice) {
	const id = randomUUID()
	await asCaller(caller, (trx) =>
		trx
			.insertInto('follows')
			.values({
				id,
				user_id: userId,
				project_id: projectId,
				remind_days: choice.remindDays,
				digest: choice.digest,
				token_hash: tokenHash(followToken(id)),
				confirmed_at: new Date(),
			})
			.onConflict((oc) =>
				oc
					.columns(['user_id', 'project_id'])
					.where('user_id', 'is not', null)
					.where('project_id', 'is not', null)
					.doUpdateSet({ remind_days: choice.remindDays, digest: choice.digest }),
			)
			.execute(),
	)
}

export async function unfollowAsUser(caller: Caller, userId: string, projectId: string) {
	await asCaller(caller, (trx) => trx.deleteFrom('follows').where('user_id', '=', userId).where('project_id', '=', projectId).execute())
}

/** The signed-in person's follow of a project, if any. */
export async function findOwnFollow(caller: Caller, userId: string, projectId: string) {
	return asCaller(caller, (trx) =>
		trx
			.selectFrom('follows')
			.select(['remind_days', 'digest'])
			.where('user_id', '=', userId)
			.where('project_id', '=', projectId)
			.executeTakeFirst(),
	)
}

/** Opens a confirmation link. The project followed, or null for an unknown link. */
export async function confirmFollow(caller: Caller, token: string) {
	if (!token || token.length > 100) return null
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ project_slug: string; project_name: string }>`
			select project_slug, project_name from private.confirm_follow(${tokenHash(token)})`.execute(trx)
		const row = rows[0]
		return row ? { slug: row.project_slug, name: row.project_name } : null
	})
}

export async function unfollowByToken(caller: Caller, token: string) {
	if (!token || token.length > 100) return false
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ gone: boolean }>`select private.unfollow_by_token(${tokenHash(token)}) as gone`.execute(trx)
		return rows[0]?.gone ?? false
	})
}
