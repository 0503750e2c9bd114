import { randomInt, randomUUID } from 'node:crypto'
import type { Db } from './db'
import type { AuthenticationMethod } from './pkce'

export type SessionRow = {
	id: string
	user_id: string
	created_at: Date
	not_after: Date | null
	aal: string | null
}

export type RefreshTokenRow = {
	id: string
	token: string
	user_id: string
	revoked: boolean
	parent: string | null
	session_id: string | null
	updated_at: Date
}

export type AmrEntry = { method: string; timestamp: number }

export type ClientInfo = { userAgent: string | null; ip: string | null }

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** GoTrue's opaque refresh tokens: twelve lowercase letters and digits. */
function newRefreshToken() {
	let token = ''
	for (let index = 0; index < 12; index++) token += TOKEN_ALPHABET.charAt(randomInt(TOKEN_ALPHABET.length))
	return token
}

export function isWellFormedRefreshToken(token: string) {
	return /^[a-z0-9]{12}$/.test(token)
}

/** A new session with its first refresh token, recording how the user signed in. */
export async function startSession(db: Db, userId: string, method: AuthenticationMethod, client: ClientInfo) {
	const sessionId = randomUUID()
	await db.query(
		`insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
		values ($1, $2, now(), now(), 'aal1', $3, $4)`,
		[sessionId, userId, client.userAgent, client.ip],
	)
	await db.query(
		`insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
		values ($1, $2, now(), now(), $3)
		on conflict (session_id, authentication_method) do update set updated_at = now()`,
		[randomUUID(), sessionId, method],
	)
	const refreshToken = await insertRefreshToken(db, userId, sessionId, null)
	await db.query('update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1', [userId])
	return { sessionId, refreshToken }
}

async function insertRefreshToken(db: Db, userId: string, sessionId: string, parent: string | null) {
	const token = newRefreshToken()
	await db.query(
		`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
		values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), $3, $4)`,
		[token, userId, parent, sessionId],
	)
	return token
}

export async function findSession(db: Db, id: string): Promise<SessionRow | null> {
	const { rows } = await db.query<SessionRow>(
		'select id, user_id, created_at, not_after, aal::text as aal from auth.sessions where id = $1',
		[id],
	)
	return rows[0] ?? null
}

/** The session's sign-in methods, most recent first. */
export async function amrOf(db: Db, sessionId: string): Promise<AmrEntry[]> {
	const { rows } = await db.query<{ authentication_method: string; updated_at: Date }>(
		'select authentication_method, updated_at from auth.mfa_amr_claims where session_id = $1 order by updated_at desc',
		[sessionId],
	)
	return rows.map((row) => ({
		method: row.authentication_method,
		timestamp: Math.floor(row.updated_at.getTime() / 1000),
	}))
}

export async function findRefreshTokenForUpdate(db: Db, token: string): Promise<RefreshTokenRow | null> {
	const { rows } = await db.query<RefreshTokenRow>(
		'select id::text as id, token, user_id, revoked, parent, session_id, updated_at from auth.refresh_tokens where token = $1 for update',
		[token],
	)
	return rows[0] ?? null
}

/** The session's newest live refresh token. */
export async function activeRefreshToken(db: Db, sessionId: string) {
	const { rows } = await db.query<{ token: string; parent: string | null }>(
		'select token, parent from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1',
		[sessionId],
	)
	return rows[0] ?? null
}

/** Revokes `token` and issues its child in the same session. */
export async function swapRefreshToken(db: Db, token: RefreshTokenRow, sessionId: string) {
	await db.query('update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1', [token.id])
	return insertRefreshToken(db, token.user_id, sessionId, token.token)
}

export async function revokeSessionTokens(db: Db, sessionId: string) {
	await db.query('update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and revoked = false', [sessionId])
}

export async function markRefreshed(db: Db, sessionId: string, client: ClientInfo) {
	await db.query(
		`update auth.sessions set refreshed_at = now() at time zone 'utc', updated_at = now(), user_agent = $2, ip = $3
		where id = $1`,
		[sessionId, client.userAgent, client.ip],
	)
}

export type LogoutScope = 'global' | 'local' | 'others'

/** Ends sessions; their refresh tokens go with them (on delete cascade). */
export async function endSessions(db: Db, userId: string, scope: LogoutScope, currentSessionId: string | null) {
	if (scope === 'local' && currentSessionId) {
		await db.query('delete from auth.sessions where id = $1', [currentSessionId])
	} else if (scope === 'others' && currentSessionId) {
		await db.query('delete from auth.sessions where user_id = $1 and id <> $2', [userId, currentSessionId])
	} else {
		await db.query('delete from auth.sessions where user_id = $1', [userId])
	}
}
