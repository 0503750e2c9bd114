import { randomUUID } from 'node:crypto'
import type { createSupabase } from '#app/auth/supabase.server'
import { asCaller, type AuthenticatedCaller } from '#app/db/db.server'
import { unlessRefused } from '#app/db/refusals.server'
import { queueEmails, type EmailAttachment } from '#app/email/email.server'
import { addJobsInTransaction } from '#app/jobs/queue.server'
import { env } from '#app/utils/env.server'
import { commentDeadline } from './deadline'
import type { MANUAL_FILING_METHODS } from './grounds'
import { exhibitsOf, loadExhibitFiles, objectionLetter } from './letter.server'
import type { Objection, Signer } from './objections.server'

// Filing an approved objection (docs/decisions/052). The letter is built as
// the organizer (Storage policies let only the chapter read its evidence),
// stored as filed, and the filing row, the status change and every email are
// written in one transaction (decision 037): the clerk's email is a job that
// records the provider's message id, so an outage leaves it pending and a
// retry never sends it twice (one filing per objection, one job key, one
// provider idempotency key).

type Supabase = ReturnType<typeof createSupabase>['supabase']

export type FilingRefusal = 'not_approved' | 'no_body_email' | 'late_unconfirmed' | 'already_filed' | 'not_allowed'
export type FilingOutcome = { ok: true } | { ok: false; reason: FilingRefusal }

export function filingChecks(
	objection: Objection,
	confirmLate: boolean,
	now: Date,
	method: 'email' | (typeof MANUAL_FILING_METHODS)[number],
): FilingRefusal | null {
	if (objection.status === 'filed') return 'already_filed'
	if (objection.status !== 'approved' || objection.approvedVersion !== objection.currentVersion) return 'not_approved'
	if (method === 'email' && !objection.proceeding.body?.email) return 'no_body_email'
	const deadline = commentDeadline(objection.proceeding)
	if (deadline && deadline.dueAt.getTime() < now.getTime() && !confirmLate) return 'late_unconfirmed'
	return null
}

function letterFileName(objection: Objection) {
	const base = (objection.proceeding.caseNumber ?? objection.proceeding.title)
		.replace(/[^A-Za-z0-9-]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 60)
	return `objection-${base || 'letter'}.pdf`
}

async function storeLetter(supabase: Supabase, objection: Objection, signers: Signer[], filingId: string) {
	const files = await loadExhibitFiles(supabase, exhibitsOf(objection))
	const pdf = await objectionLetter(objection, signers, files)
	const path = `${objection.id}/filings/${filingId}.pdf`
	const { error } = await supabase.storage.from('objection-files').upload(path, pdf, { contentType: 'application/pdf', upsert: false })
	if (error) throw error
	return path
}

export async function fileByEmail(
	caller: AuthenticatedCaller,
	supabase: Supabase,
	objection: Objection,
	signers: Signer[],
	input: { replyTo: string; confirmLate: boolean },
	now = new Date(),
): Promise<FilingOutcome> {
	const refusal = filingChecks(objection, input.confirmLate, now, 'email')
	if (refusal) return { ok: false, reason: refusal }
	const body = objection.proceeding.body
	const to = body?.email
	if (!body || !to) return { ok: false, reason: 'no_body_email' }
	const filingId = randomUUID()
	const pdfPath = await storeLetter(supabase, objection, signers, filingId)
	const current = signers.filter((signer) => signer.current)
	const deadline = commentDeadline(objection.proceeding)
	const attachment: EmailAttachment = {
		filename: letterFileName(objection),
		bucket: 'objection-files',
		path: pdfPath,
		contentType: 'application/pdf',
	}
	const common = {
		subject: objection.subject,
		chapter: objection.chapter.name,
		body: body.name,
		proceeding: objection.proceeding.title,
		caseNumber: objection.proceeding.caseNumber,
		replyTo: input.replyTo,
	}
	const result = await unlessRefused(() =>
		asCaller(caller, async (trx) => {
			await trx
				.insertInto('objection_filings')
				.values({
					id: filingId,
					objection_id: objection.id,
					method: 'email',
					version: objection.currentVersion,
					to_address: to,
					reply_to: input.replyTo,
					subject: objection.subject,
					pdf_path: pdfPath,
					signer_count: current.length,
					after_cutoff: Boolean(deadline && deadline.dueAt.getTime() < now.getTime()),
					// The day it went, where the body sits (the database's current_date is UTC's).
					filed_on: new Intl.DateTimeFormat('en-CA', { timeZone: body.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
						now,
					),
					filed_by: caller.claims.sub,
				})
				.execute()
			await trx.updateTable('objections').set({ status: 'filed' }).where('id', '=', objection.id).execute()
			await addJobsInTransaction(trx, [
				{
					task: 'send_objection_filing',
					payload: { filingId, ...common, to, attachment },
					jobKey: `objection-filing:${filingId}`,
					maxAttempts: 25,
				},
			])
			await queueEmails(
				trx,
				current.map((signer) => ({
					to: signer.email,
					template: 'objection' as const,
					props: { kind: 'copy' as const, ...common },
					idempotencyKey: `objection-copy:${filingId}:${signer.id}`,
					replyTo: input.replyTo,
					attachments: [attachment],
				})),
			)
		}),
	)
	if (result.ok) return { ok: true }
	await supabase.storage.from('objection-files').remove([pdfPath])
	if (result.refusal.kind === 'duplicate') return { ok: false, reason: 'already_filed' }
	if (result.refusal.hint === 'objection_not_approved') return { ok: false, reason: 'not_approved' }
	if (result.refusal.kind === 'not_allowed') return { ok: false, reason: 'not_allowed' }
	throw result.error
}

export async function recordFiling(
	caller: AuthenticatedCaller,
	supabase: Supabase,
	objection: Objection,
	signers: Signer[],
	input: {
		method: (typeof MANUAL_FILING_METHODS)[number]
		confirmationNumber: string
		filedOn: string
		confirmLate: boolean
		receipt: { body: File; contentType: string; extension: string } | null
	},
	now = new Date(),
): Promise<FilingOutcome> {
	const refusal = filingChecks(objection, input.confirmLate, now, input.method)
	if (refusal) return { ok: false, reason: refusal }
	const filingId = randomUUID()
	const pdfPath = await storeLetter(supabase, objection, signers, filingId)
	let receiptPath: string | null = null
	if (input.receipt) {
		receiptPath = `${objection.id}/receipts/${filingId}.${input.receipt.extension}`
		const { error } = await supabase.storage
			.from('objection-files')
			.upload(receiptPath, input.receipt.body, { contentType: input.receipt.contentType, upsert: false })
		if (error) throw error
	}
	const deadline = commentDeadline(objection.proceeding)
	const result = await unlessRefused(() =>
		asCaller(caller, async (trx) => {
			await trx
				.insertInto('objection_filings')
				.values({
					id: filingId,
					objection_id: objection.id,
					method: input.method,
					version: objection.currentVersion,
					subject: objection.subject,
					pdf_path: pdfPath,
					signer_count: signers.filter((signer) => signer.current).length,
					after_cutoff: Boolean(deadline && deadline.dueAt.getTime() < now.getTime()),
					confirmation_number: input.confirmationNumber || null,
					filed_on: input.filedOn,
					receipt_path: receiptPath,
					filed_by: caller.claims.sub,
				})
				.execute()
			await trx.updateTable('objections').set({ status: 'filed' }).where('id', '=', objection.id).execute()
		}),
	)
	if (result.ok) return { ok: true }
	await supabase.storage.from('objection-files').remove([pdfPath, ...(receiptPath ? [receiptPath] : [])])
	if (result.refusal.kind === 'duplicate') return { ok: false, reason: 'already_filed' }
	if (result.refusal.kind === 'not_allowed') return { ok: false, reason: 'not_allowed' }
	throw result.error
}

export async function recordAcknowledgement(caller: AuthenticatedCaller, objectionId: string, acknowledgement: string) {
	return asCaller(caller, async (trx) => {
		const updated = await trx
			.updateTable('objection_filings')
			.set({ acknowledgement })
			.where('objection_id', '=', objectionId)
			.executeTakeFirst()
		return Boolean(updated.numUpdatedRows)
	})
}

/** A short-lived link to a private file, for the chapter's own people (Storage decides). */
export async function signedFileUrl(supabase: Supabase, path: string) {
	const { data } = await supabase.storage.from('objection-files').createSignedUrl(path, 300)
	return data?.signedUrl ?? null
}

export function siteUrl(path: string) {
	return new URL(path, env().SITE_URL).toString()
}
