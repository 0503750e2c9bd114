import { randomBytes, randomUUID } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose'

/**
 * The local stack's secrets, made once per data directory and kept in
 * `<dataDir>/keys.json` so API keys and sessions survive restarts:
 * - an HS256 secret that signs the anon and service_role API keys (as on
 *   Supabase) and signed storage URLs;
 * - an ES256 key pair with a `kid` that signs user access tokens, whose
 *   public half is served at /auth/v1/.well-known/jwks.json.
 */
export type LocalKeys = {
	jwtSecret: string
	anonKey: string
	serviceRoleKey: string
	signingJwk: JWK
	publicJwk: JWK
	/** Standard Webhooks secret (`v1,whsec_…`) shared by Auth and the app's send-email hook. */
	sendEmailHookSecret: string
}

const TEN_YEARS_S = 10 * 365 * 24 * 3600

export async function loadOrCreateKeys(dataDir: string): Promise<LocalKeys> {
	const file = path.join(dataDir, 'keys.json')
	const existing = await readFile(file, 'utf8').catch(() => null)
	if (existing) {
		const keys = JSON.parse(existing) as LocalKeys
		if (keys.sendEmailHookSecret) return keys
		// A data directory from before the hook existed: add its secret, keep the rest.
		const upgraded = { ...keys, sendEmailHookSecret: newHookSecret() }
		await writeFile(file, JSON.stringify(upgraded, null, 2), { mode: 0o600 })
		return upgraded
	}

	const jwtSecret = randomBytes(32).toString('base64url')
	const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
	const kid = randomUUID()
	const signingJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' }
	const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] }
	const keys: LocalKeys = {
		jwtSecret,
		anonKey: await apiKey(jwtSecret, 'anon'),
		serviceRoleKey: await apiKey(jwtSecret, 'service_role'),
		signingJwk,
		publicJwk,
		sendEmailHookSecret: newHookSecret(),
	}
	await mkdir(dataDir, { recursive: true })
	await writeFile(file, JSON.stringify(keys, null, 2), { mode: 0o600 })
	return keys
}

function newHookSecret() {
	return `v1,whsec_${randomBytes(32).toString('base64')}`
}

async function apiKey(secret: string, role: 'anon' | 'service_role') {
	const now = Math.floor(Date.now() / 1000)
	return new SignJWT({ iss: 'supabase-demo', role })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setIssuedAt(now)
		.setExpirationTime(now + TEN_YEARS_S)
		.sign(new TextEncoder().encode(secret))
}

/** Signs a user access token (ES256, with the key's `kid`). */
export async function signAccessToken(keys: LocalKeys, claims: JWTPayload, expiresInSeconds: number) {
	const now = Math.floor(Date.now() / 1000)
	const key = await importJWK(keys.signingJwk, 'ES256')
	return new SignJWT(claims)
		.setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: keys.signingJwk.kid })
		.setIssuedAt(now)
		.setExpirationTime(now + expiresInSeconds)
		.sign(key)
}

/** Signs a short-lived HS256 token, e.g. for signed storage URLs. */
export async function signWithSecret(keys: LocalKeys, claims: JWTPayload, expiresInSeconds: number) {
	const now = Math.floor(Date.now() / 1000)
	return new SignJWT(claims)
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setIssuedAt(now)
		.setExpirationTime(now + expiresInSeconds)
		.sign(new TextEncoder().encode(keys.jwtSecret))
}

export async function verifyWithSecret(keys: LocalKeys, token: string) {
	const { payload } = await jwtVerify(token, new TextEncoder().encode(keys.jwtSecret), { algorithms: ['HS256'] })
	return payload
}

/**
 * Verifies any JWT the API accepts in `apikey` or `Authorization`: API keys
 * (HS256 with the project secret) and user access tokens (ES256 by kid).
 * Throws jose's errors (expired, bad signature) for the caller to map.
 */
export async function verifyJwt(keys: LocalKeys, token: string): Promise<JWTPayload & { role?: string }> {
	const header = decodeProtectedHeader(token)
	if (header.alg === 'ES256') {
		if (header.kid !== keys.publicJwk.kid) throw new Error('unknown signing key')
		const { payload } = await jwtVerify(token, await importJWK(keys.publicJwk, 'ES256'), { algorithms: ['ES256'] })
		return payload
	}
	return verifyWithSecret(keys, token)
}
