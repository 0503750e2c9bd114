import type { JWTPayload } from 'jose'
import { signWithSecret, verifyWithSecret, type LocalKeys } from '../keys'
import { expiredToken, invalidJwt, invalidSignature } from './errors'

export type UrlScope = 'download' | 'upload'

export const SIGNED_UPLOAD_URL_EXPIRY_SECONDS = 2 * 60 * 60

/** The token in a signed download URL: `url` is `bucket/key`. */
export function signDownloadToken(keys: LocalKeys, url: string, expiresIn: number) {
	return signWithSecret(keys, { url, scope: 'download' }, expiresIn)
}

export function signUploadToken(keys: LocalKeys, url: string, owner: string | undefined, upsert: boolean) {
	return signWithSecret(keys, { owner, url, upsert, scope: 'upload' }, SIGNED_UPLOAD_URL_EXPIRY_SECONDS)
}

/**
 * Checks a signed-URL token the way Supabase Storage does: signature and
 * expiry (InvalidJWT with jose's message), then that it was issued for this
 * action and this object (InvalidSignature).
 */
export async function verifyUrlToken(keys: LocalKeys, token: string | undefined, url: string, scope: UrlScope) {
	if (!token) throw invalidJwt('Invalid Compact JWS')
	let payload: JWTPayload
	try {
		payload = await verifyWithSecret(keys, token)
	} catch (error) {
		throw invalidJwt(error instanceof Error ? error.message : 'Invalid JWT')
	}
	if (!hasScope(payload, scope)) throw invalidSignature(`Token is not scoped for ${scope}`)
	if (payload.url !== url) throw invalidSignature()
	if (typeof payload.exp !== 'number' || payload.exp * 1000 < Date.now()) throw expiredToken()
	return { claims: payload, exp: payload.exp }
}

// Tokens from before scopes existed: upload tokens are the ones carrying `upsert`.
function hasScope(payload: JWTPayload, scope: UrlScope) {
	if (payload.scope !== undefined) return payload.scope === scope
	return scope === 'upload' ? 'upsert' in payload : !('upsert' in payload)
}
