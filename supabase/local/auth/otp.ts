import { createHash, randomInt, randomUUID } from 'node:crypto'
import type { Db } from './db'

export type OneTimeTokenType =
	'confirmation_token' | 'recovery_token' | 'email_change_token_new' | 'email_change_token_current' | 'reauthentication_token'

export const PKCE_PREFIX = 'pkce_'

export function generateOtp(length: number) {
	let otp = ''
	for (let index = 0; index < length; index++) otp += String(randomInt(10))
	return otp
}

/** What links carry instead of the code: hex(sha224(address + code)). */
export function tokenHash(address: string, otp: string) {
	return createHash('sha224')
		.update(address + otp)
		.digest('hex')
}

export function withFlowPrefix(hash: string, pkce: boolean) {
	return pkce ? PKCE_PREFIX + hash : hash
}

export function isOtpExpired(sentAt: Date | null, otpExpirySeconds: number, now = Date.now()) {
	return sentAt === null || now > sentAt.getTime() + otpExpirySeconds * 1000
}

/** Replaces the user's token of this type, as GoTrue keeps one per type. */
export async function createOneTimeToken(db: Db, userId: string, type: OneTimeTokenType, hash: string, relatesTo: string) {
	await db.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [userId, type])
	await db.query(
		`insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
		values ($1, $2, $3, $4, $5, now(), now())`,
		[randomUUID(), userId, type, hash, relatesTo.toLowerCase()],
	)
}

export async function clearOneTimeTokens(db: Db, userId: string, type?: OneTimeTokenType) {
	if (type) {
		await db.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [userId, type])
	} else {
		await db.query('delete from auth.one_time_tokens where user_id = $1', [userId])
	}
}

/** Locks the token's row, so a link used twice at once is honoured once. */
export async function findOneTimeToken(db: Db, hash: string, types: OneTimeTokenType[]) {
	const { rows } = await db.query<{ user_id: string; token_type: OneTimeTokenType; token_hash: string }>(
		`select user_id, token_type::text as token_type, token_hash from auth.one_time_tokens
		where token_hash = $1 and token_type = any($2::auth.one_time_token_type[]) limit 1 for update`,
		[hash, types],
	)
	return rows[0] ?? null
}
