import { decodeJwt } from 'jose'
import { signAccessToken } from '../keys'
import type { AuthContext } from './context'
import type { Db } from './db'
import { amrOf } from './sessions'
import { findUserById, userJson, type UserRow } from './users'

export type SessionJson = {
	access_token: string
	token_type: 'bearer'
	expires_in: number
	expires_at: number
	refresh_token: string
	user: Record<string, unknown>
	weak_password?: { message: string; reasons: string[] }
}

/** Signs the user's access token for a session: the claims hosted Supabase puts in it. */
export async function accessToken(auth: AuthContext, db: Db, user: UserRow, sessionId: string) {
	const claims = {
		iss: auth.issuer,
		sub: user.id,
		aud: user.aud ?? 'authenticated',
		email: user.email ?? '',
		phone: user.phone ?? '',
		app_metadata: user.raw_app_meta_data ?? {},
		user_metadata: user.raw_user_meta_data ?? {},
		role: user.role ?? 'authenticated',
		aal: 'aal1',
		amr: await amrOf(db, sessionId),
		session_id: sessionId,
		is_anonymous: user.is_anonymous,
	}
	const token = await signAccessToken(auth.keys, claims, auth.config.jwtExpiry)
	// Read back rather than recomputed: signing may cross a second boundary.
	const expiresAt = decodeJwt(token).exp ?? Math.floor(Date.now() / 1000) + auth.config.jwtExpiry
	return { token, expiresAt }
}

/** The body of every response that signs someone in. */
export async function sessionJson(
	auth: AuthContext,
	db: Db,
	userId: string,
	sessionId: string,
	refreshToken: string,
): Promise<SessionJson> {
	// Read back so last_sign_in_at and metadata are what was just written.
	const user = await findUserById(db, userId)
	if (!user) throw new Error(`user ${userId} vanished`)
	const { token, expiresAt } = await accessToken(auth, db, user, sessionId)
	return {
		access_token: token,
		token_type: 'bearer',
		expires_in: expiresAt - Math.floor(Date.now() / 1000),
		expires_at: expiresAt,
		refresh_token: refreshToken,
		user: await userJson(db, user),
	}
}
