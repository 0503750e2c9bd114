import { createHash, randomUUID, timingSafeEqual } from 'node:crypto'
import type { Db } from './db'
import { validationFailed } from './errors'

/** How the user proved who they are; GoTrue's names, which also fill the `amr` claim. */
export type AuthenticationMethod = 'password' | 'otp' | 'magiclink' | 'email/signup' | 'recovery' | 'invite' | 'email_change'

export type PkceParams = { codeChallenge: string; codeChallengeMethod: string }

export type FlowStateRow = {
	id: string
	user_id: string | null
	auth_code: string
	code_challenge_method: 's256' | 'plain'
	code_challenge: string
	provider_type: string
	authentication_method: string
	created_at: Date
	auth_code_issued_at: Date | null
}

/** Both or neither; a challenge per RFC 7636 §4.2. Returns whether this is a PKCE flow. */
export function validatePkceParams({ codeChallenge, codeChallengeMethod }: PkceParams) {
	if ((codeChallenge === '') !== (codeChallengeMethod === '')) {
		throw validationFailed('PKCE flow requires code_challenge_method and code_challenge')
	}
	if (codeChallenge === '') return false
	if (codeChallenge.length < 43 || codeChallenge.length > 128) {
		throw validationFailed('code challenge has to be between 43 and 128 characters')
	}
	if (!/^[a-zA-Z._~0-9-]+$/.test(codeChallenge)) {
		throw validationFailed('code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes')
	}
	const method = codeChallengeMethod.toLowerCase()
	if (method !== 's256' && method !== 'plain') {
		throw validationFailed(`unsupported code_challenge method "${codeChallengeMethod}"`)
	}
	return true
}

/** What a verified email link maps to when it finishes a PKCE flow. */
export function authenticationMethodForType(type: string): AuthenticationMethod | null {
	if (type.endsWith('signup')) return 'email/signup'
	switch (type) {
		case 'magiclink':
		case 'recovery':
		case 'invite':
		case 'email_change':
			return type
		default:
			return null
	}
}

export async function createFlowState(
	db: Db,
	flow: PkceParams & { userId: string; providerType: string; authenticationMethod: AuthenticationMethod },
) {
	await db.query(
		`insert into auth.flow_state (
			id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
			authentication_method, created_at, updated_at
		) values ($1, $2, $3, $4, $5, $6, $7, now(), now())`,
		[
			randomUUID(),
			flow.userId,
			randomUUID(),
			flow.codeChallengeMethod.toLowerCase(),
			flow.codeChallenge,
			flow.providerType,
			flow.authenticationMethod,
		],
	)
}

/** Hands out the auth code of the user's latest flow for this method, noting when. */
export async function issueAuthCode(db: Db, userId: string, method: AuthenticationMethod) {
	const { rows } = await db.query<{ auth_code: string }>(
		`update auth.flow_state set auth_code_issued_at = now(), updated_at = now()
		where id = (
			select id from auth.flow_state where user_id = $1 and authentication_method = $2
			order by created_at desc limit 1
		)
		returning auth_code`,
		[userId, method],
	)
	return rows[0]?.auth_code ?? null
}

export async function findFlowStateByAuthCode(db: Db, authCode: string) {
	const { rows } = await db.query<FlowStateRow>(
		`select id, user_id, auth_code, code_challenge_method::text as code_challenge_method, code_challenge,
			provider_type, authentication_method, created_at, auth_code_issued_at
		from auth.flow_state where auth_code = $1 limit 1`,
		[authCode],
	)
	return rows[0] ?? null
}

export async function deleteFlowState(db: Db, id: string) {
	await db.query('delete from auth.flow_state where id = $1', [id])
}

/** A magic link's flow lasts from when its code was issued; others from when the flow began. */
export function isFlowStateExpired(flow: FlowStateRow, expirySeconds: number, now = Date.now()) {
	const start = flow.auth_code_issued_at && flow.authentication_method === 'magiclink' ? flow.auth_code_issued_at : flow.created_at
	return now > start.getTime() + expirySeconds * 1000
}

export function codeVerifierMatches(flow: FlowStateRow, codeVerifier: string) {
	const expected = flow.code_challenge_method === 's256' ? createHash('sha256').update(codeVerifier).digest('base64url') : codeVerifier
	const a = Buffer.from(flow.code_challenge)
	const b = Buffer.from(expected)
	return a.length === b.length && timingSafeEqual(a, b)
}
