import { randomBytes, randomInt } from 'node:crypto'
import bcrypt from 'bcryptjs'
import type { AuthConfig } from './config'
import { validationFailed, weakPassword } from './errors'

// bcrypt reads only the first 72 bytes; GoTrue refuses longer passwords.
const MAX_PASSWORD_LENGTH = 72
const BCRYPT_COST = 10

export function hashPassword(password: string) {
	return bcrypt.hash(password, BCRYPT_COST)
}

export async function passwordMatches(password: string, encryptedPassword: string | null) {
	if (!encryptedPassword) return false
	return bcrypt.compare(password, encryptedPassword).catch(() => false)
}

export function isBcryptHash(value: string) {
	return /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/.test(value)
}

/** Why a password falls short of the configured rules, or null when it does not. */
export function passwordWeakness(config: AuthConfig, password: string) {
	const reasons: string[] = []
	const messages: string[] = []
	if (password.length < config.minimumPasswordLength) {
		reasons.push('length')
		messages.push(`Password should be at least ${config.minimumPasswordLength} characters.`)
	}
	const missesASet = config.requiredCharacters.some((set) => set !== '' && ![...password].some((character) => set.includes(character)))
	if (missesASet) {
		reasons.push('characters')
		messages.push(`Password should contain at least one character of each: ${config.requiredCharacters.join(', ')}.`)
	}
	return reasons.length > 0 ? { message: messages.join(' '), reasons } : null
}

export function assertStrongPassword(config: AuthConfig, password: string) {
	if (password.length > MAX_PASSWORD_LENGTH) {
		throw validationFailed(`Password cannot be longer than ${MAX_PASSWORD_LENGTH} characters`)
	}
	const weakness = passwordWeakness(config, password)
	if (weakness) throw weakPassword(weakness.message, weakness.reasons)
}

/** A password nobody knows, for accounts made by magic link or invite. */
export function randomPassword(config: AuthConfig) {
	const sets = config.requiredCharacters.filter(Boolean)
	const required = sets.map((set) => set.charAt(randomInt(set.length)))
	return randomBytes(32).toString('base64url') + required.join('')
}
