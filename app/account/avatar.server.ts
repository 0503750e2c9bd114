import type { SignedInSession } from '#app/auth/guards.server'
import { publicFileUrl, readUpload, removeFile, storeFile } from '#app/storage/uploads.server'
import { getAccount, setAvatarPath } from './account.server'
import { avatarUpload } from './schemas'

export type AvatarOutcome = { ok: true } | { ok: false; message: string }

type Person = Pick<SignedInSession, 'user' | 'caller' | 'supabase'>

/** Where an avatar is shown from: the bucket is public, so pages link to the file itself. */
export function avatarUrl(path: string | null) {
	return publicFileUrl('avatars', path)
}

/**
 * Takes a new avatar from a multipart upload and puts it in place of the old
 * one. Uploaded as the person: storage RLS lets them write only in their own
 * folder. The upload rule (`avatarUpload`) gives the message for a file that
 * is too big, missing or of another type, whether the form or Storage refuses it.
 */
export async function replaceAvatar(request: Request, { user, caller, supabase }: Person): Promise<AvatarOutcome> {
	const upload = await readUpload(request, avatarUpload)
	if (!upload.ok) return upload
	const path = `${user.id}/avatar-${Date.now()}.${upload.type.split('/')[1]}`
	const stored = await storeFile(supabase, 'avatars', avatarUpload, { path, body: upload.file, contentType: upload.type })
	if (!stored.ok) return stored
	const previous = (await getAccount(caller, user.id)).avatarPath
	await setAvatarPath(caller, user.id, path)
	await removeFile(supabase, 'avatars', previous)
	return { ok: true }
}

/** Takes the avatar down: the file and the profile's pointer to it. */
export async function removeAvatar({ user, caller, supabase }: Person) {
	const account = await getAccount(caller, user.id)
	await removeFile(supabase, 'avatars', account.avatarPath)
	await setAvatarPath(caller, user.id, null)
}
