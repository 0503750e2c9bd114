import { randomUUID } from 'node:crypto'
import type { Db } from './db'
import { validationFailed } from './errors'
import { clearOneTimeTokens } from './otp'

export type Metadata = Record<string, unknown>

/** A row of auth.users, as GoTrue keeps it. */
export type UserRow = {
	id: string
	aud: string | null
	role: string | null
	email: string | null
	encrypted_password: string | null
	email_confirmed_at: Date | null
	invited_at: Date | null
	phone: string | null
	phone_confirmed_at: Date | null
	confirmation_token: string | null
	confirmation_sent_at: Date | null
	confirmed_at: Date | null
	recovery_token: string | null
	recovery_sent_at: Date | null
	email_change_token_new: string | null
	email_change_token_current: string | null
	email_change: string | null
	email_change_sent_at: Date | null
	email_change_confirm_status: number | null
	phone_change: string | null
	phone_change_sent_at: Date | null
	reauthentication_sent_at: Date | null
	last_sign_in_at: Date | null
	raw_app_meta_data: Metadata | null
	raw_user_meta_data: Metadata | null
	created_at: Date | null
	updated_at: Date | null
	banned_until: Date | null
	deleted_at: Date | null
	is_anonymous: boolean
	is_sso_user: boolean
}

export type IdentityRow = {
	id: string
	provider_id: string
	user_id: string
	identity_data: Metadata
	provider: string
	last_sign_in_at: Date | null
	created_at: Date | null
	updated_at: Date | null
	email: string | null
}

/** Columns the server writes after a user exists. */
export type UserChanges = Partial<
	Pick<
		UserRow,
		| 'role'
		| 'email'
		| 'encrypted_password'
		| 'email_confirmed_at'
		| 'invited_at'
		| 'confirmation_token'
		| 'confirmation_sent_at'
		| 'recovery_token'
		| 'recovery_sent_at'
		| 'email_change_token_new'
		| 'email_change_token_current'
		| 'email_change'
		| 'email_change_sent_at'
		| 'email_change_confirm_status'
		| 'last_sign_in_at'
		| 'raw_app_meta_data'
		| 'raw_user_meta_data'
		| 'banned_until'
		| 'deleted_at'
		| 'phone'
	>
>

export const DEFAULT_AUDIENCE = 'authenticated'
const NIL_UUID = '00000000-0000-0000-0000-000000000000'

const EMAIL_FORMAT =
	/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/

/** GoTrue's checks on an email address; returns it lowercased. */
export function validateEmail(email: string) {
	if (email === '') throw validationFailed('An email address is required')
	if (email.length > 255) throw validationFailed('An email address is too long')
	if (!EMAIL_FORMAT.test(email)) throw validationFailed('Unable to validate email address: invalid format')
	return email.toLowerCase()
}

export function isConfirmed(user: UserRow) {
	return user.email_confirmed_at !== null
}

export function isBanned(user: UserRow, now = new Date()) {
	return user.banned_until !== null && user.banned_until > now
}

export async function findUserById(db: Db, id: string): Promise<UserRow | null> {
	const { rows } = await db.query<UserRow>('select * from auth.users where id = $1', [id])
	return rows[0] ?? null
}

export async function findUserByEmail(db: Db, email: string, aud = DEFAULT_AUDIENCE): Promise<UserRow | null> {
	const { rows } = await db.query<UserRow>(
		'select * from auth.users where lower(email) = lower($1) and aud = $2 and is_sso_user = false limit 1',
		[email, aud],
	)
	return rows[0] ?? null
}

/** Locks the user's row for the rest of the transaction and returns it fresh. */
export async function lockUser(db: Db, id: string): Promise<UserRow> {
	const { rows } = await db.query<UserRow>('select * from auth.users where id = $1 for update', [id])
	const user = rows[0]
	if (!user) throw new Error(`user ${id} vanished`)
	return user
}

/**
 * The user another account already holds this address with, if any: an
 * email identity first (GoTrue links accounts by identity), then the users
 * table itself.
 */
export async function findEmailOwner(db: Db, email: string, exceptUserId?: string, aud = DEFAULT_AUDIENCE) {
	const { rows } = await db.query<UserRow>(
		`select u.* from auth.users u
		where u.aud = $2 and ($3::uuid is null or u.id <> $3::uuid) and (
			exists (select 1 from auth.identities i where i.user_id = u.id and i.email = lower($1))
			or (lower(u.email) = lower($1) and u.is_sso_user = false)
		)
		limit 1`,
		[email, aud, exceptUserId ?? null],
	)
	return rows[0] ?? null
}

export type NewUser = {
	id?: string
	email: string
	encryptedPassword: string | null
	userMetadata: Metadata
	appMetadata: Metadata
	role?: string
	emailConfirmedAt?: Date | null
	invitedAt?: Date | null
	bannedUntil?: Date | null
}

/** A real INSERT, so triggers on auth.users (the app's profile row) fire. */
export async function insertUser(db: Db, user: NewUser): Promise<UserRow> {
	const { rows } = await db.query<UserRow>(
		`insert into auth.users (
			instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, invited_at,
			raw_app_meta_data, raw_user_meta_data, banned_until, created_at, updated_at,
			confirmation_token, recovery_token, email_change_token_new, email_change_token_current,
			email_change, phone_change, phone_change_token, reauthentication_token, is_anonymous, is_sso_user
		) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), now(), '', '', '', '', '', '', '', '', false, false)
		returning *`,
		[
			NIL_UUID,
			user.id ?? randomUUID(),
			DEFAULT_AUDIENCE,
			user.role ?? DEFAULT_AUDIENCE,
			user.email.toLowerCase(),
			user.encryptedPassword ?? '',
			user.emailConfirmedAt ?? null,
			user.invitedAt ?? null,
			user.appMetadata,
			user.userMetadata,
			user.bannedUntil ?? null,
		],
	)
	const inserted = rows[0]
	if (!inserted) throw new Error('insert into auth.users returned no row')
	return inserted
}

export async function updateUser(db: Db, id: string, changes: UserChanges): Promise<UserRow> {
	const entries = Object.entries(changes)
	const assignments = entries.map(([column], index) => `"${column}" = $${index + 2}`)
	const { rows } = await db.query<UserRow>(
		`update auth.users set ${[...assignments, 'updated_at = now()'].join(', ')} where id = $1 returning *`,
		[id, ...entries.map(([, value]) => value)],
	)
	const updated = rows[0]
	if (!updated) throw new Error(`user ${id} vanished`)
	return updated
}

/** Shallow merge where a null value removes the key, as GoTrue does. */
export function mergeMetadata(current: Metadata | null, updates: Metadata): Metadata {
	const merged: Metadata = { ...current }
	for (const [key, value] of Object.entries(updates)) {
		if (value === null) delete merged[key]
		else merged[key] = value
	}
	return merged
}

export function emailIdentityData(user: Pick<UserRow, 'id' | 'email'>, extra: Metadata = {}): Metadata {
	const claims: Metadata = { sub: user.id, email: user.email ?? '', email_verified: false, phone_verified: false }
	for (const [key, value] of Object.entries(extra)) {
		if (!(key in claims)) claims[key] = value
	}
	return claims
}

export async function insertIdentity(db: Db, user: UserRow, provider: string, identityData: Metadata) {
	const data = { ...identityData }
	if (typeof data.email === 'string') data.email = data.email.toLowerCase()
	const { rows } = await db.query<IdentityRow>(
		`insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
		values ($1, $2, $3, $4, $5, now(), now(), now()) returning *`,
		[randomUUID(), String(data.sub ?? user.id), user.id, data, provider],
	)
	const identity = rows[0]
	if (!identity) throw new Error('insert into auth.identities returned no row')
	return identity
}

export async function findIdentity(db: Db, userId: string, provider: string): Promise<IdentityRow | null> {
	const { rows } = await db.query<IdentityRow>('select * from auth.identities where user_id = $1 and provider = $2 limit 1', [
		userId,
		provider,
	])
	return rows[0] ?? null
}

export async function updateIdentityData(db: Db, identity: IdentityRow, updates: Metadata) {
	const data = mergeMetadata(identity.identity_data, updates)
	if (typeof data.email === 'string') data.email = data.email.toLowerCase()
	await db.query('update auth.identities set identity_data = $2, updated_at = now() where id = $1', [identity.id, data])
}

/** Confirms the user's email: what verifying a signup link does. */
export async function confirmEmail(db: Db, user: UserRow): Promise<UserRow> {
	await clearOneTimeTokens(db, user.id)
	return updateUser(db, user.id, {
		email_confirmed_at: new Date(),
		confirmation_token: '',
		raw_user_meta_data: mergeMetadata(user.raw_user_meta_data, { email_verified: true }),
	})
}

/** app_metadata.providers lists the user's identity providers, oldest first. */
export async function refreshProviders(db: Db, user: UserRow): Promise<UserRow> {
	const { rows } = await db.query<{ provider: string }>(
		'select provider from auth.identities where user_id = $1 group by provider order by min(created_at)',
		[user.id],
	)
	const providers = rows.map((row) => row.provider)
	const updates: Metadata = { providers }
	if (providers[0]) updates.provider = providers[0]
	return updateUser(db, user.id, { raw_app_meta_data: mergeMetadata(user.raw_app_meta_data, updates) })
}

export async function findIdentities(db: Db, userId: string) {
	const { rows } = await db.query<IdentityRow>('select * from auth.identities where user_id = $1 order by created_at', [userId])
	return rows
}

async function identitiesOf(db: Db, userIds: string[]) {
	const byUser = new Map<string, IdentityRow[]>()
	if (userIds.length === 0) return byUser
	const { rows } = await db.query<IdentityRow>('select * from auth.identities where user_id = any($1::uuid[]) order by created_at', [
		userIds,
	])
	for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row])
	return byUser
}

export type UserJson = Record<string, unknown> & { id: string }

export async function userJson(db: Db, user: UserRow): Promise<UserJson> {
	const [json] = await usersJson(db, [user])
	if (!json) throw new Error('unreachable')
	return json
}

export async function usersJson(db: Db, users: UserRow[]): Promise<UserJson[]> {
	const identities = await identitiesOf(
		db,
		users.map((user) => user.id),
	)
	return users.map((user) => serializeUser(user, identities.get(user.id) ?? []))
}

/** The user as GoTrue's JSON: empty timestamps left out, null email and phone as "". */
export function serializeUser(user: UserRow, identities: IdentityRow[]): UserJson {
	const json: UserJson = {
		id: user.id,
		aud: user.aud ?? '',
		role: user.role ?? '',
		email: user.email ?? '',
	}
	setTime(json, 'email_confirmed_at', user.email_confirmed_at)
	setTime(json, 'invited_at', user.invited_at)
	json.phone = user.phone ?? ''
	setTime(json, 'phone_confirmed_at', user.phone_confirmed_at)
	setTime(json, 'confirmation_sent_at', user.confirmation_sent_at)
	setTime(json, 'confirmed_at', user.confirmed_at)
	setTime(json, 'recovery_sent_at', user.recovery_sent_at)
	if (user.email_change) json.new_email = user.email_change
	setTime(json, 'email_change_sent_at', user.email_change_sent_at)
	if (user.phone_change) json.new_phone = user.phone_change
	setTime(json, 'phone_change_sent_at', user.phone_change_sent_at)
	setTime(json, 'reauthentication_sent_at', user.reauthentication_sent_at)
	setTime(json, 'last_sign_in_at', user.last_sign_in_at)
	json.app_metadata = user.raw_app_meta_data ?? {}
	json.user_metadata = user.raw_user_meta_data ?? {}
	json.identities = identities.map(serializeIdentity)
	json.created_at = (user.created_at ?? new Date(0)).toISOString()
	json.updated_at = (user.updated_at ?? new Date(0)).toISOString()
	setTime(json, 'banned_until', user.banned_until)
	setTime(json, 'deleted_at', user.deleted_at)
	json.is_anonymous = user.is_anonymous
	return json
}

function serializeIdentity(identity: IdentityRow) {
	const json: Record<string, unknown> = {
		identity_id: identity.id,
		id: identity.provider_id,
		user_id: identity.user_id,
		identity_data: identity.identity_data,
		provider: identity.provider,
	}
	setTime(json, 'last_sign_in_at', identity.last_sign_in_at)
	json.created_at = (identity.created_at ?? new Date(0)).toISOString()
	json.updated_at = (identity.updated_at ?? new Date(0)).toISOString()
	if (identity.email) json.email = identity.email
	return json
}

function setTime(json: Record<string, unknown>, key: string, value: Date | null) {
	if (value) json[key] = value.toISOString()
}
