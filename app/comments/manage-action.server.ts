import { redirect } from '@remix-run/node'
import type { AuthenticatedCaller } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { formError, parseForm } from '#app/utils/forms.server'
import { reviewReport } from './comments.server'
import { closeDrive, handOverPacket, saveChannelSettings, sendSignOnLetter, type ManagedDrive } from './drives.server'
import { channelSettingsSchema, handOverSchema, MANAGE_INTENTS, reviewSchema, type ManageIntent } from './schemas'

// The organizers' page: review a report (uphold removes the comments it
// held; dismiss releases them), send the sign-on letter, close the drive, and
// record how the body takes comments, and record a printed packet handed to
// the clerk at the hearing.

function typed(formData: FormData) {
	return Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

function isIntent(value: unknown): value is ManageIntent {
	return typeof value === 'string' && (MANAGE_INTENTS as readonly string[]).includes(value)
}

export async function manageAction(caller: AuthenticatedCaller, managed: ManagedDrive, formData: FormData, headers: Headers) {
	const intent = formData.get('intent')
	const back = `/comments/${managed.drive.slug}/manage`
	if (!isIntent(intent)) return formError({ form: t('comments.error.intent') }, typed(formData), headers)
	switch (intent) {
		case 'uphold':
		case 'dismiss':
			return review(caller, intent === 'uphold', formData, back, headers)
		case 'sendLetter':
			return letter(caller, managed, back, headers)
		case 'close':
			await closeDrive(caller, managed.drive.id)
			return redirect(`${back}?done=closed`, { headers })
		case 'channel':
			return channel(caller, managed, formData, back, headers)
		case 'handOver':
			return handOver(caller, managed, formData, back, headers)
	}
}

async function handOver(caller: AuthenticatedCaller, managed: ManagedDrive, formData: FormData, back: string, headers: Headers) {
	const form = parseForm(formData, handOverSchema)
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent: 'handOver' }, headers)
	if (!managed.packets.some((packet) => packet.id === form.data.packetId))
		return formError({ form: t('comments.manage.error.packet') }, typed(formData), headers)
	const outcome = await handOverPacket(caller, form.data.packetId, form.data)
	if (!outcome.ok && outcome.reason === 'not_found') return formError({ form: t('comments.manage.error.packet') }, typed(formData), headers)
	return redirect(`${back}?done=${outcome.ok ? 'handedOver' : 'handedOverAlready'}#packet`, { headers })
}

async function review(caller: AuthenticatedCaller, upheld: boolean, formData: FormData, back: string, headers: Headers) {
	const form = parseForm(formData, reviewSchema)
	if (!form.success) return formError({ form: t('comments.manage.error.report') }, form.failure.values, headers)
	const outcome = await reviewReport(caller, form.data.reportId, upheld, form.data.note)
	if (outcome === 'not_found') return formError({ form: t('comments.manage.error.report') }, typed(formData), headers)
	return redirect(`${back}?done=${outcome === 'already' ? 'reviewedAlready' : upheld ? 'upheld' : 'dismissed'}#reports`, { headers })
}

async function letter(caller: AuthenticatedCaller, managed: ManagedDrive, back: string, headers: Headers) {
	if (!managed.drive.sign_on) return formError({ form: t('comments.error.intent') }, {}, headers)
	const outcome = await sendSignOnLetter(caller, managed.drive.id)
	if (outcome === 'no_signers') return formError({ form: t('comments.manage.error.noSigners') }, {}, headers)
	return redirect(`${back}?done=${outcome === 'sent' ? 'letterSent' : 'letterAlready'}`, { headers })
}

async function channel(caller: AuthenticatedCaller, managed: ManagedDrive, formData: FormData, back: string, headers: Headers) {
	if (!managed.drive.body_id) return formError({ form: t('comments.manage.error.noBody') }, typed(formData), headers)
	const form = parseForm(formData, channelSettingsSchema)
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent: 'channel' }, headers)
	const saved = await saveChannelSettings(caller, managed.drive.body_id, form.data)
	if (!saved) return formError({ form: t('comments.manage.error.channel') }, typed(formData), headers)
	return redirect(`${back}?done=channel#channel`, { headers })
}
