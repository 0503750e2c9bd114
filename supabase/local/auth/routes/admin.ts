import { randomUUID } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { parseDuration } from '../config'
import type { AuthContext } from '../context'
import { transaction, type Db } from '../db'
import { emailExists, notFound, unexpected, validationFailed } from '../errors'
import { createOneTimeToken, generateOtp, tokenHash } from '../otp'
import { assertStrongPassword, hashPassword, isBcryptHash, randomPassword } from '../passwords'
import { isRedirectUrlAllowed, redirectTarget } from '../redirects'
import { isUuid, metadata, readBody, requestAudience, requireAdmin, text } from '../request'
import { endSessions } from '../sessions'
import {
	confirmEmail,
	emailIdentityData,
	findEmailOwner,
	findIdentity,
	findUserByEmail,
	findUserById,
	insertIdentity,
	insertUser,
	isConfirmed,
	mergeMetadata,
	updateIdentityData,
	updateUser,
	userJson,
	usersJson,
	validateEmail,
	type Metadata,
	type UserChanges,
	type UserRow,
} from '../users'

const userBody = z.object({
	id: text,
	role: text,
	email: text,
	phone: text,
	password: z.string().nullish(),
	password_hash: text,
	email_confirm: z.boolean().nullish(),
	user_metadata: metadata.nullish(),
	app_metadata: metadata.nullish(),
	ban_duration: text,
})

const linkBody = z.object({
	type: text,
	email: text,
	new_email: text,
	password: text,
	data: metadata.nullish(),
	redirect_to: text,
})

const NIL_UUID = '00000000-0000-0000-0000-000000000000'
const DEFAULT_PER_PAGE = 50

export function adminRoutes(auth: AuthContext) {
	const app = new Hono()

	app.use('/admin/*', async (c, next) => {
		await requireAdmin(auth, c)
		await next()
	})

	app.get('/admin/users', async (c) => {
		const page = positiveInteger(c.req.query('page'), 1)
		const perPage = positiveInteger(c.req.query('per_page'), DEFAULT_PER_PAGE)
		const filter = c.req.query('filter') ?? ''
		const audience = requestAudience(c)
		const where = `aud = $1 and ($2 = '' or email ilike '%' || $2 || '%' or raw_user_meta_data ->> 'full_name' ilike '%' || $2 || '%')`
		const [{ rows: users }, { rows: counts }] = await Promise.all([
			auth.pool.query<UserRow>(`select * from auth.users where ${where} order by created_at desc, id limit $3 offset $4`, [
				audience,
				filter,
				perPage,
				(page - 1) * perPage,
			]),
			auth.pool.query<{ count: number }>(`select count(*)::int as count from auth.users where ${where}`, [audience, filter]),
		])
		const total = counts[0]?.count ?? 0
		c.header('Link', paginationLinks(c, page, perPage, total))
		c.header('X-Total-Count', String(total))
		return c.json({ users: await usersJson(auth.pool, users), aud: audience })
	})

	app.post('/admin/users', async (c) => {
		const params = await readBody(c, userBody)
		if (params.email === '' && params.phone === '') {
			throw validationFailed('Cannot create a user without either an email or phone')
		}
		if (params.phone !== '') throw validationFailed('Phone numbers are not supported by the local Auth server')
		const email = validateEmail(params.email)
		if (await findEmailOwner(auth.pool, email, undefined, requestAudience(c))) throw emailExists()
		const password = params.password ?? ''
		if (password !== '' && params.password_hash !== '') {
			throw validationFailed('Only a password or a password hash should be provided')
		}
		if (params.password_hash !== '' && !isBcryptHash(params.password_hash)) {
			throw validationFailed('Only bcrypt password hashes are supported by the local Auth server')
		}
		if (params.id !== '' && !isUuid(params.id)) throw validationFailed('ID must conform to the uuid v4 format')
		if (params.id === NIL_UUID) throw validationFailed('ID cannot be a nil uuid')
		const bannedUntil = banEnd(params.ban_duration)
		const encryptedPassword = params.password_hash || (await hashPassword(password === '' ? randomPassword(auth.config) : password))
		const userMetadata = params.user_metadata ?? {}
		const confirmedAt = params.email_confirm ? new Date() : null

		const created = await transaction(auth.pool, async (db) => {
			const user = await insertUser(db, {
				id: params.id || undefined,
				email,
				encryptedPassword,
				userMetadata: confirmedAt ? mergeMetadata(userMetadata, { email_verified: true }) : userMetadata,
				appMetadata: mergeMetadata({ provider: 'email', providers: ['email'] }, params.app_metadata ?? {}),
				role: params.role || undefined,
				emailConfirmedAt: confirmedAt,
				bannedUntil: bannedUntil ?? null,
			})
			await insertIdentity(db, user, 'email', emailIdentityData(user))
			return user
		}).catch((error: unknown) => {
			throw unexpected(`Database error creating new user: ${error instanceof Error ? error.message : String(error)}`)
		})
		return c.json(await userJson(auth.pool, created))
	})

	app.get('/admin/users/:id', async (c) => {
		return c.json(await userJson(auth.pool, await loadUser(auth, c.req.param('id'))))
	})

	app.put('/admin/users/:id', async (c) => {
		const user = await loadUser(auth, c.req.param('id'))
		const params = await readBody(c, userBody)
		const email = params.email === '' ? '' : validateEmail(params.email)
		if (params.phone !== '') throw validationFailed('Phone numbers are not supported by the local Auth server')
		const bannedUntil = banEnd(params.ban_duration)
		let encryptedPassword: string | null = null
		if (params.password !== null && params.password !== undefined) {
			assertStrongPassword(auth.config, params.password)
			encryptedPassword = params.password === '' ? '' : await hashPassword(params.password)
		}
		const updated = await transaction(auth.pool, async (db) => {
			let current = user
			const changes: UserChanges = {}
			if (params.role !== '') changes.role = params.role
			if (encryptedPassword !== null) {
				Object.assign(changes, {
					encrypted_password: encryptedPassword,
					confirmation_token: '',
					confirmation_sent_at: null,
					recovery_token: '',
					recovery_sent_at: null,
					email_change_token_current: '',
					email_change_token_new: '',
					email_change_sent_at: null,
				} satisfies UserChanges)
				await db.query('delete from auth.one_time_tokens where user_id = $1', [user.id])
				await endSessions(db, user.id, 'global', null)
			}
			if (email !== '') {
				if (await findEmailOwner(db, email, user.id)) throw emailExists()
				const identity = await findIdentity(db, user.id, 'email')
				const verified = params.email_confirm === true
				if (identity) await updateIdentityData(db, identity, { email, email_verified: verified })
				else await insertIdentity(db, user, 'email', { sub: user.id, email, email_verified: verified, phone_verified: false })
				changes.email = email
			}
			if (params.app_metadata) changes.raw_app_meta_data = mergeMetadata(current.raw_app_meta_data, params.app_metadata)
			if (params.user_metadata) changes.raw_user_meta_data = mergeMetadata(current.raw_user_meta_data, params.user_metadata)
			if (bannedUntil !== undefined) changes.banned_until = bannedUntil
			if (Object.keys(changes).length > 0) current = await updateUser(db, user.id, changes)
			if (params.email_confirm) current = await confirmEmail(db, current)
			return current
		})
		return c.json(await userJson(auth.pool, updated))
	})

	app.delete('/admin/users/:id', async (c) => {
		const user = await loadUser(auth, c.req.param('id'))
		const { should_soft_delete: soft } = await readBody(c, z.object({ should_soft_delete: z.boolean().nullish() }))
		await transaction(auth.pool, async (db) => {
			if (!soft) {
				await db.query('delete from auth.users where id = $1', [user.id])
				return
			}
			if (user.deleted_at) return
			await softDelete(db, user)
		})
		return c.json({})
	})

	app.post('/admin/generate_link', async (c) => c.json(await generateLink(auth, c, await readBody(c, linkBody))))

	return app
}

async function loadUser(auth: AuthContext, id: string) {
	if (!isUuid(id)) throw notFound('validation_failed', 'user_id must be an UUID')
	const user = await findUserById(auth.pool, id)
	if (!user) throw notFound('user_not_found', 'User not found')
	return user
}

function positiveInteger(value: string | undefined, fallback: number) {
	if (value === undefined || value === '') return fallback
	if (!/^\d+$/.test(value)) throw validationFailed(`Bad Pagination Parameters: invalid number "${value}"`)
	return Math.max(1, Number(value))
}

/** GoTrue's Link header: the query of this request with `page` set to the next and the last page. */
function paginationLinks(c: Context, page: number, perPage: number, total: number) {
	const lastPage = Math.ceil(total / perPage)
	const query = new URL(c.req.url).searchParams
	const link = (target: number) => {
		query.set('page', String(target))
		const sorted = new URLSearchParams([...query.entries()].sort(([a], [b]) => a.localeCompare(b)))
		return `</admin/users?${sorted}>`
	}
	const parts: string[] = []
	if (lastPage > page) parts.push(`${link(page + 1)}; rel="next"`)
	parts.push(`${link(lastPage)}; rel="last"`)
	return parts.join(', ')
}

/** undefined: leave as is; null: lift the ban; a date: banned until then. */
function banEnd(duration: string): Date | null | undefined {
	if (duration === '') return undefined
	if (duration === 'none') return null
	const seconds = parseDuration(duration)
	if (seconds === null) throw validationFailed(`invalid format for ban duration: time: invalid duration "${duration}"`)
	return seconds === 0 ? null : new Date(Date.now() + seconds * 1000)
}

/** Keeps the row (for foreign keys) but removes what identifies the person. */
async function softDelete(db: Db, user: UserRow) {
	const obfuscate = (value: string) => (value === '' ? '' : tokenHash(user.id, value))
	await db.query(
		`update auth.identities set provider_id = $2 || provider_id, identity_data = '{}'::jsonb, updated_at = now()
		where user_id = $1`,
		[user.id, `${randomUUID()}:`],
	)
	await endSessions(db, user.id, 'global', null)
	await db.query('delete from auth.one_time_tokens where user_id = $1', [user.id])
	await updateUser(db, user.id, {
		email: obfuscate(user.email ?? ''),
		phone: null,
		encrypted_password: '',
		confirmation_token: '',
		recovery_token: '',
		email_change_token_current: '',
		email_change_token_new: '',
		email_change: '',
		raw_app_meta_data: {},
		raw_user_meta_data: {},
		deleted_at: new Date(),
	})
}

type LinkParams = z.output<typeof linkBody>

/**
 * Makes the link and code an email would carry, without sending anything;
 * creates the user for signup, invite and (for unknown addresses) magic link.
 */
async function generateLink(auth: AuthContext, c: Context, params: LinkParams) {
	const email = validateEmail(params.email)
	const redirectTo = isRedirectUrlAllowed(auth.config, params.redirect_to) ? params.redirect_to : redirectTarget(auth.config, c)
	const user = await findUserByEmail(auth.pool, email, requestAudience(c))
	let type = params.type
	let password = params.password
	if (!user) {
		if (type === 'magiclink') {
			type = 'signup'
			password = randomPassword(auth.config)
		} else if (type === 'recovery' || type === 'email_change_current' || type === 'email_change_new') {
			throw notFound('user_not_found', 'User with this email not found')
		}
	}
	if (type === 'signup' && !user) {
		if (password === '') throw validationFailed('Signup requires a valid password')
		assertStrongPassword(auth.config, password)
	}
	const encryptedPassword = type === 'signup' && !user ? await hashPassword(password) : null
	const otp = generateOtp(auth.config.email.otpLength)
	const hashedToken = tokenHash(email, otp)
	const data: Metadata = params.data ?? {}

	const { linked, linkToken } = await transaction(auth.pool, async (db) => {
		const now = new Date()
		const created = async (withPassword: string | null) => {
			const newUser = await insertUser(db, {
				email,
				encryptedPassword: withPassword,
				userMetadata: data,
				appMetadata: { provider: 'email', providers: ['email'] },
			})
			await insertIdentity(db, newUser, 'email', emailIdentityData(newUser))
			return newUser
		}
		switch (type) {
			case 'magiclink':
			case 'recovery': {
				if (!user) throw new Error('unreachable')
				await createOneTimeToken(db, user.id, 'recovery_token', hashedToken, email)
				const updated = await updateUser(db, user.id, { recovery_token: hashedToken, recovery_sent_at: now })
				return { linked: updated, linkToken: hashedToken }
			}
			case 'invite': {
				if (user && isConfirmed(user)) throw emailExists()
				const target = user ?? (await created(null))
				await createOneTimeToken(db, target.id, 'confirmation_token', hashedToken, email)
				const updated = await updateUser(db, target.id, {
					confirmation_token: hashedToken,
					confirmation_sent_at: now,
					invited_at: now,
				})
				return { linked: updated, linkToken: hashedToken }
			}
			case 'signup': {
				if (user && isConfirmed(user)) throw emailExists()
				const target = user
					? await updateUser(db, user.id, { raw_user_meta_data: mergeMetadata(user.raw_user_meta_data, data) })
					: await created(encryptedPassword)
				await createOneTimeToken(db, target.id, 'confirmation_token', hashedToken, email)
				const updated = await updateUser(db, target.id, { confirmation_token: hashedToken, confirmation_sent_at: now })
				return { linked: updated, linkToken: hashedToken }
			}
			case 'email_change_current':
			case 'email_change_new': {
				if (!user) throw new Error('unreachable')
				if (type === 'email_change_current' && !auth.config.email.doubleConfirmChanges) {
					throw validationFailed('Enable secure email change to generate link for current email')
				}
				const newEmail = validateEmail(params.new_email)
				if (await findEmailOwner(db, newEmail, user.id)) throw emailExists()
				const changes: UserChanges = {
					email_change: newEmail,
					email_change_sent_at: now,
					email_change_confirm_status: 0,
				}
				let linkToken: string
				if (type === 'email_change_current') {
					linkToken = hashedToken
					changes.email_change_token_current = linkToken
					await createOneTimeToken(db, user.id, 'email_change_token_current', linkToken, email)
				} else {
					linkToken = tokenHash(newEmail, otp)
					changes.email_change_token_new = linkToken
					await createOneTimeToken(db, user.id, 'email_change_token_new', linkToken, newEmail)
				}
				return { linked: await updateUser(db, user.id, changes), linkToken }
			}
			default:
				throw validationFailed(`Invalid email action link type requested: ${type}`)
		}
	})

	const linkType = type.startsWith('email_change') ? 'email_change' : type
	// GoTrue escapes redirect_to only when it holds &, = or #.
	const encodedRedirect = /[&=#]/.test(redirectTo) ? encodeURIComponent(redirectTo) : redirectTo
	const query = `token=${encodeURIComponent(linkToken)}&type=${encodeURIComponent(linkType)}&redirect_to=${encodedRedirect}`
	return {
		...(await userJson(auth.pool, linked)),
		action_link: `${auth.issuer}/verify?${query}`,
		email_otp: otp,
		// As GoTrue does, hashed from the current address even for email_change_new.
		hashed_token: hashedToken,
		verification_type: type,
		redirect_to: redirectTo,
	}
}
