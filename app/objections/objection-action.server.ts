import { redirect } from '@remix-run/node'
import type { SignedInSession } from '#app/auth/guards.server'
import { asCaller } from '#app/db/db.server'
import { queueEmails } from '#app/email/email.server'
import type { MessageKey } from '#app/i18n/en'
import { t } from '#app/i18n/i18n'
import { formError, parseForm } from '#app/utils/forms.server'
import { fileByEmail, recordAcknowledgement, recordFiling, siteUrl, type FilingRefusal } from './filing.server'
import { CITABLE_FIGURES, EVIDENCE_TYPES, type CitableFigure } from './grounds'
import { objectionIntent, type ObjectionIntent } from './intents'
import {
	addComment,
	addEvidence,
	addGround,
	approveObjection,
	markAsModel,
	objectionWorkspace,
	recordOutcome,
	removeGround,
	setPublished,
	updateGround,
	updateObjection,
	type Figure,
	type Objection,
	type WriteOutcome,
} from './objections.server'
import {
	commentSchema,
	evidenceLinkSchema,
	evidenceUpload,
	EXTENSION_OF,
	fileByEmailSchema,
	groundSchema,
	inviteSchema,
	objectionSchema,
	outcomeSchema,
	recordFilingSchema,
	reliefFrom,
} from './schemas'

// The objection page's action: one function per intent (decision 044).
// Every failure is a formError naming the intent, so the page shows the
// message beside the form that was sent and keeps what was typed.

type Session = SignedInSession

function typed(formData: FormData) {
	return Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

const REASON: Record<Exclude<WriteOutcome, { ok: true }>['reason'] | FilingRefusal, MessageKey> = {
	not_allowed: 'objection.error.notAllowed',
	filed: 'objection.error.filed',
	needs_other_organizer: 'objection.error.needsOtherOrganizer',
	not_approved: 'objection.error.notApproved',
	no_grounds: 'objection.error.noGrounds',
	already_filed: 'objection.error.alreadyFiled',
	no_body_email: 'objection.error.noBodyEmail',
	late_unconfirmed: 'objection.error.lateConfirm',
}

function page(objection: Objection, notice: string, anchor = '') {
	return `/objections/${objection.id}?done=${notice}${anchor}`
}

function failed(session: Session, intent: ObjectionIntent, values: Record<string, string>, errors: Record<string, string>) {
	return formError({ ...errors, intent }, { ...values, intent }, session.headers)
}

function refused(session: Session, intent: ObjectionIntent, values: Record<string, string>, reason: keyof typeof REASON) {
	const field = reason === 'late_unconfirmed' ? 'confirmLate' : 'form'
	return failed(session, intent, values, { [field]: t(REASON[reason]) })
}

function figuresChosen(formData: FormData, objection: Objection): Figure[] {
	const wanted = new Set(
		formData.getAll('figure').filter((value): value is CitableFigure => (CITABLE_FIGURES as readonly unknown[]).includes(value)),
	)
	return objection.project.figures
		.filter((figure) => wanted.has(figure.figure as CitableFigure) && figure.value !== null)
		.map((figure) => ({
			figure: figure.figure as CitableFigure,
			value: Number(figure.value),
			sources: figure.sources.map((source) => ({ url: source.url, title: source.title ?? source.url })),
		}))
}

export async function objectionAction(session: Session, objection: Objection, intent: ObjectionIntent, formData: FormData) {
	const values = typed(formData)
	const caller = session.caller
	const done = (outcome: WriteOutcome, notice: string, anchor = '') =>
		outcome.ok ? redirect(page(objection, notice, anchor), { headers: session.headers }) : refused(session, intent, values, outcome.reason)

	switch (intent) {
		case objectionIntent.save: {
			const form = parseForm(formData, objectionSchema)
			if (!form.success) return failed(session, intent, values, form.failure.errors)
			return done(await updateObjection(caller, objection.id, { ...form.data, relief: reliefFrom(form.data) }), 'saved', '#text')
		}
		case objectionIntent.addGround: {
			const form = parseForm(formData, groundSchema)
			if (!form.success) return failed(session, intent, values, form.failure.errors)
			const title = form.data.kind === 'custom' ? form.data.title : form.data.title || t(`objection.ground.${form.data.kind}`)
			if (title.length < 2) return failed(session, intent, values, { title: t('objection.error.customTitle') })
			const outcome = await addGround(caller, objection.id, {
				kind: form.data.kind,
				title,
				argument: form.data.argument,
				figures: figuresChosen(formData, objection),
			})
			return done(outcome, 'saved', '#grounds')
		}
		case objectionIntent.updateGround: {
			const groundId = values.groundId ?? ''
			const ground = objection.grounds.find((candidate) => candidate.id === groundId)
			if (!ground) return failed(session, intent, values, { form: t('objection.error.ground') })
			const form = parseForm(formData, groundSchema)
			if (!form.success) return failed(session, intent, values, form.failure.errors)
			const title = form.data.title || ground.title
			return done(
				await updateGround(caller, objection.id, ground.id, {
					title,
					argument: form.data.argument,
					figures: figuresChosen(formData, objection),
				}),
				'saved',
				'#grounds',
			)
		}
		case objectionIntent.removeGround:
			return done(await removeGround(caller, objection.id, values.groundId ?? ''), 'saved', '#grounds')
		case objectionIntent.addLink: {
			const form = parseForm(formData, evidenceLinkSchema)
			if (!form.success) return failed(session, intent, values, form.failure.errors)
			if (!objection.grounds.some((ground) => ground.id === form.data.groundId))
				return failed(session, intent, values, { groundId: t('objection.error.ground') })
			return done(
				await addEvidence(caller, objection.id, { groundId: form.data.groundId, title: form.data.title, url: form.data.url }),
				'saved',
				'#grounds',
			)
		}
		case objectionIntent.addFile: {
			const groundId = values.groundId ?? ''
			const title = (values.title ?? '').trim()
			const errors: Record<string, string> = {}
			if (!objection.grounds.some((ground) => ground.id === groundId)) errors.groundId = t('objection.error.ground')
			if (title.length < 2 || title.length > 200) errors.title = t('objection.error.evidenceTitle')
			const file = formData.get(evidenceUpload.field)
			const type = file instanceof File ? EVIDENCE_TYPES.find((allowed) => allowed === file.type) : undefined
			if (!(file instanceof File) || file.size === 0) errors.file = t(evidenceUpload.messages.missing)
			else if (file.size > evidenceUpload.maxBytes) errors.file = t(evidenceUpload.messages.tooBig)
			else if (!type) errors.file = t(evidenceUpload.messages.wrongType)
			if (Object.keys(errors).length || !(file instanceof File) || !type) return failed(session, intent, values, errors)
			const path = `${objection.id}/evidence/${crypto.randomUUID()}.${EXTENSION_OF[type]}`
			const { error } = await session.supabase.storage.from('objection-files').upload(path, file, { contentType: type, upsert: false })
			if (error) {
				const status = 'statusCode' in error ? String(error.statusCode) : ''
				if (status === '413') return failed(session, intent, values, { file: t(evidenceUpload.messages.tooBig) })
				if (status === '415') return failed(session, intent, values, { file: t(evidenceUpload.messages.wrongType) })
				if (status === '403' || status === '400') return refused(session, intent, values, 'not_allowed')
				throw error
			}
			const outcome = await addEvidence(caller, objection.id, { groundId, title, file: { path, contentType: type, byteSize: file.size } })
			if (!outcome.ok) await session.supabase.storage.from('objection-files').remove([path])
			return done(outcome, 'saved', '#grounds')
		}
		case objectionIntent.comment: {
			const form = parseForm(formData, commentSchema)
			if (!form.success) return failed(session, intent, values, form.failure.errors)
			return done(await addComment(caller, objection, form.data.body), 'commented', '#comments')
		}
		case objectionIntent.approve:
			return done(await approveObjection(caller, objection), 'approved', '#review')
		case objectionIntent.invite: {
			const form = parseForm(formData, inviteSchema)
			if (!form.success) return failed(session, intent, values, form.failure.errors)
			const workspace = await objectionWorkspace(caller, objection)
			if (!workspace.signingToken) return refused(session, intent, values, 'not_allowed')
			const token = workspace.signingToken
			await asCaller(caller, (trx) =>
				queueEmails(trx, [
					{
						to: form.data.email,
						template: 'objection',
						props: {
							kind: 'invite',
							subject: objection.subject,
							chapter: objection.chapter.name,
							body: objection.proceeding.body?.name ?? '',
							proceeding: objection.proceeding.title,
							url: siteUrl(`/objections/sign/${token}`),
						},
						idempotencyKey: `objection-invite:${objection.id}:${objection.currentVersion}:${form.data.email}`,
					},
				]),
			)
			return redirect(page(objection, 'invited', '#signers'), { headers: session.headers })
		}
		case objectionIntent.fileEmail: {
			const form = parseForm(formData, fileByEmailSchema)
			if (!form.success) return failed(session, intent, values, form.failure.errors)
			const workspace = await objectionWorkspace(caller, objection)
			const outcome = await fileByEmail(caller, session.supabase, objection, workspace.signers, form.data)
			return outcome.ok
				? redirect(page(objection, 'filed', '#filing'), { headers: session.headers })
				: refused(session, intent, values, outcome.reason)
		}
		case objectionIntent.recordFiling: {
			const form = parseForm(formData, recordFilingSchema)
			if (!form.success) return failed(session, intent, values, form.failure.errors)
			const file = formData.get('receipt')
			let receipt: { body: File; contentType: string; extension: string } | null = null
			if (file instanceof File && file.size > 0) {
				const type = EVIDENCE_TYPES.find((allowed) => allowed === file.type)
				if (file.size > evidenceUpload.maxBytes) return failed(session, intent, values, { receipt: t(evidenceUpload.messages.tooBig) })
				if (!type) return failed(session, intent, values, { receipt: t(evidenceUpload.messages.wrongType) })
				receipt = { body: file, contentType: type, extension: EXTENSION_OF[type] }
			}
			const workspace = await objectionWorkspace(caller, objection)
			const outcome = await recordFiling(caller, session.supabase, objection, workspace.signers, { ...form.data, receipt })
			return outcome.ok
				? redirect(page(objection, 'filed', '#filing'), { headers: session.headers })
				: refused(session, intent, values, outcome.reason)
		}
		case objectionIntent.acknowledge: {
			const text = (values.acknowledgement ?? '').trim()
			if (!text || text.length > 2000) return failed(session, intent, values, { acknowledgement: t('objection.error.long') })
			const ok = await recordAcknowledgement(caller, objection.id, text)
			return done(ok ? { ok: true } : { ok: false, reason: 'not_allowed' }, 'saved', '#filing')
		}
		case objectionIntent.outcome: {
			const form = parseForm(formData, outcomeSchema)
			if (!form.success) return failed(session, intent, values, form.failure.errors)
			if (objection.status !== 'filed') return failed(session, intent, values, { form: t('objection.error.notFiled') })
			const adopted = form.data.conditionsAdopted
				.split('\n')
				.map((line) => line.trim())
				.filter(Boolean)
			return done(await recordOutcome(caller, objection.id, { ...form.data, conditionsAdopted: adopted }), 'saved', '#outcome')
		}
		case objectionIntent.publish:
		case objectionIntent.unpublish:
			return done(
				await setPublished(caller, objection.id, intent === objectionIntent.publish),
				intent === objectionIntent.publish ? 'published' : 'saved',
				'#outcome',
			)
		case objectionIntent.model:
		case objectionIntent.unmodel:
			return done(await markAsModel(caller, objection.id, intent === objectionIntent.model), 'saved')
	}
}
