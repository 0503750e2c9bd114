import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type pg from 'pg'
import type { User } from './factories'
import { onlyRow, queryAs, type Actor } from './rls'
import { createBody, createProceeding, type SitingWorld } from './siting-factories'

// Hearings and sign-ups to speak, inside the test's transaction.

export function speakerToken() {
	const token = randomBytes(32).toString('base64url')
	return { token, hash: createHash('sha256').update(token).digest() }
}

export type Hearing = { clockId: string; proceedingId: string; bodyId: string }

/** A proceeding of the world's project before a body with speaking rules, and a hearing `inHours` from now. */
export async function createHearing(
	client: pg.Client,
	world: SitingWorld,
	options: { inHours?: number; rules?: Record<string, unknown> | null; proceedingId?: string; bodyId?: string } = {},
): Promise<Hearing> {
	const bodyId = options.bodyId ?? (await createBody(client, world.place)).id
	if (!options.bodyId && options.rules !== null) {
		const rules = { speaking_minutes: 3, representative_minutes: 5, signup_closes_hours_before: 2, ...options.rules }
		const columns = Object.keys(rules)
		await client.query(
			`insert into public.body_rules (body_id, source_url, ${columns.join(', ')})
			values ($1, 'https://example.org/rules', ${columns.map((_, index) => `$${index + 2}`).join(', ')})`,
			[bodyId, ...Object.values(rules)],
		)
	}
	const proceedingId = options.proceedingId ?? (await createProceeding(client, world.project, bodyId)).id
	const clock = onlyRow(
		await client.query<{ id: string }>(
			`insert into public.proceeding_clocks (proceeding_id, kind, due_at) values ($1, 'hearing', now() + make_interval(hours => $2)) returning id`,
			[proceedingId, options.inHours ?? 72],
		),
	)
	return { clockId: clock.id, proceedingId, bodyId }
}

export type SignUp = { speaker_id: string; status: string; slot: number | null; outcome: string; token: string }

/** Signs up through private.sign_up_to_speak as `actor` (a visitor needs an email). */
export async function signUpAs(
	client: pg.Client,
	actor: Actor,
	clockId: string,
	options: { name?: string; email?: string; organization?: string | null; letterPath?: string | null; mode?: string } = {},
): Promise<SignUp> {
	const { token, hash } = speakerToken()
	const row = onlyRow(
		await queryAs<Omit<SignUp, 'token'>>(
			client,
			actor,
			`select * from private.sign_up_to_speak($1, $2, $3, $4, $5, $6, $7::public.speaking_mode, $8)`,
			[
				randomUUID(),
				clockId,
				options.name ?? 'Dana Resident',
				options.email ?? `speaker-${randomUUID().slice(0, 8)}@example.org`,
				options.organization ?? null,
				options.letterPath ?? null,
				options.mode ?? 'in_person',
				hash,
			],
		),
	)
	return { ...row, token }
}

/** A listed speaker with an account, inserted through the function as them. */
export async function listSpeaker(client: pg.Client, user: User, clockId: string) {
	return signUpAs(client, user, clockId, { name: user.name || 'Member' })
}
