import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
import type { SignedInSession } from '#app/auth/guards.server'
import { env } from '#app/utils/env.server'
import { getAccount, setAvatarPath } from './account.server'
import { AVATAR_MAX_BYTES, AVATAR_TYPES } from './schemas'

export type AvatarRefusal = 'too_big' | 'missing' | 'wrong_type'
export type AvatarOutcome = { ok: true } | { ok: false; reason: AvatarRefusal }

type Person = Pick<SignedInSession, 'user' | 'caller' | 'supabase'>

/** Where an avatar is shown from: the bucket is public, so pages link to the file itself. */
export function avatarUrl(path: string | null) {
	return path ? `${env().SUPABASE_URL}/storage/v1/object/public/avatars/${path}` : null
}

/**
 * Takes a new avatar from a multipart upload and puts it in place of the old
 * one. Uploaded as the person: storage RLS lets them write only in their own
 * folder, and Storage itself refuses files over the bucket's size or of
 * another type, which come back as the same reasons.
 */
export async function replaceAvatar(request: Request, { user, caller, supabase }: Person): Promise<AvatarOutcome> {
	let formData: FormData
	try {
		formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: AVATAR_MAX_BYTES }))
	} catch (error) {
		if (error instanceof MaxPartSizeExceededError) return { ok: false, reason: 'too_big' }
		throw error
	}
	const file = formData.get('avatar')
	if (!(file instanceof File) || file.size === 0) return { ok: false, reason: 'missing' }
	const type = AVATAR_TYPES.find((allowed) => allowed === file.type)
	if (!type) return { ok: false, reason: 'wrong_type' }
	const path = `${user.id}/avatar-${Date.now()}.${type.split('/')[1]}`
	const { error } = await supabase.storage.from('avatars').upload(path, file, { contentType: type, upsert: false })
	if (error) {
		const status = 'statusCode' in error ? String(error.statusCode) : ''
		if (status === '413') return { ok: false, reason: 'too_big' }
		if (status === '415') return { ok: false, reason: 'wrong_type' }
		throw error
	}
	const previous = (await getAccount(caller, user.id)).avatarPath
	await setAvatarPath(caller, user.id, path)
	if (previous) await supabase.storage.from('avatars').remove([previous])
	return { ok: true }
}

/** Takes the avatar down: the file and the profile's pointer to it. */
export async function removeAvatar({ user, caller, supabase }: Person) {
	const account = await getAccount(caller, user.id)
	if (account.avatarPath) await supabase.storage.from('avatars').remove([account.avatarPath])
	await setAvatarPath(caller, user.id, null)
}
