import { createHmac, timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'
import { sql } from 'kysely'
import pg from 'pg'
import { anon, asCaller, pool, streamAsCaller, type Caller } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { env } from '#app/utils/env.server'
import { CSV_START, csvLines } from './csv'
import type { SignatureInput } from './schemas'

/** People take longer than this to read a petition and fill in the form; scripts do not. */
export const MIN_FILL_MS = 3000

let formKey: Buffer | undefined
function key() {
	// Derived from a secret every deployment already has, under a label of its own.
	formKey ??= createHmac('sha256', env().SUPABASE_SERVICE_ROLE_KEY).update('groundwork:petition-form-token:v1').digest()
	return formKey
}

function mac(text: string) {
	return createHmac('sha256', key()).update(text).digest('base64url')
}

/** A hidden form field saying when the form was shown, signed so that it cannot be made up. */
export function issueFormToken(now = Date.now()) {
	const issued = String(now)
	return `${issued}.${mac(issued)}`
}

export type SuspectReason = 'honeypot' | 'too_fast'

/**
 * Why a submission looks automated, or null. The signature is still stored,
 * marked suspected, and still emailed: browser autofill fills a form in a
 * second, and the emailed link is what proves a person, so opening it counts
 * the signature. A suspected submission cannot take over an existing row.
 * The sender sees the same answer as everyone else (docs/decisions/032).
 */
export function formSuspicion(formToken: string, honeypot: string, now = Date.now()): SuspectReason | null {
	if (honeypot.trim() !== '') return 'honeypot'
	const [issued = '', signature = ''] = formToken.split('.')
	const expected = Buffer.from(mac(issued))
	const given = Buffer.from(signature)
	if (!/^\d{13}$/.test(issued) || given.length !== expected.length || !timingSafeEqual(given, expected)) return 'too_fast'
	if (now - Number(issued) < MIN_FILL_MS) return 'too_fast'
	return null
}

/**
 * What private.sign_petition did. The first three get the same answer in
 * the app ("check your email"); only the email says which it was.
 */
export type SignOutcome = 'signed' | 'replaced' | 'existing' | 'closed' | 'unknown_postal_code'

type SignRow = { result: SignOutcome; signature_id: string | null }

function isSignRow(value: unknown): value is SignRow {
	return typeof value === 'object' && value !== null && 'result' in value && typeof value.result === 'string'
}

/** The row the last statement of a multi-statement query returned. */
function lastRow(results: unknown): unknown {
	const last: unknown = Array.isArray(results) ? results[results.length - 1] : results
	if (typeof last !== 'object' || last === null || !('rows' in last) || !Array.isArray(last.rows)) return undefined
	const rows: unknown[] = last.rows
	return rows[0]
}

/**
 * The signing hot path: one security-definer function call, as a visitor,
 * in one round trip to the database. It inserts a pending row and returns;
 * the confirmation email, the rate limits and the count all happen later,
 * in jobs. The role is set for the statement's implicit transaction exactly
 * as asCaller() sets it, but both statements travel together (a simple
 * query with literals, escaped by pg) so a connection is held for one round
 * trip instead of four (docs/decisions/021).
 */
export async function signPetition(input: SignatureInput, meta: { ip: string | null; suspectReason: SuspectReason | null }) {
	const ip = meta.ip && isIP(meta.ip) ? meta.ip : null
	const text = (value: string | null) => (value === null ? 'null' : pg.escapeLiteral(value))
	const query = `select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true),
			set_config('request.jwt.claim.sub', '', true), set_config('request.jwt.claim.role', 'anon', true);
		select result, signature_id from private.sign_petition(
			${text(input.petitionId)}::uuid, ${text(input.name)}, ${text(input.email)}, ${text(input.country)}, ${text(input.postalCode)},
			${text(input.comment)}, ${input.showName}, ${input.wantsUpdates}, ${text(ip)}::inet, ${text(meta.suspectReason)})`
	const row = lastRow(await pool().query(query))
	if (!isSignRow(row)) throw new Error('sign_petition returned nothing')
	return row
}

export type MemberSignOutcome = 'signed' | 'already_confirmed' | 'removed' | 'closed' | 'needs_postal_code' | 'needs_name'

/**
 * A signed-in member signs with their account's verified email, name and
 * ZIP: confirmed at once, replacing any row for that address nobody had
 * confirmed. Members are verified, so they are told their real state.
 */
export async function signAsMember(
	caller: Caller,
	input: { petitionId: string; comment: string; showName: boolean; wantsUpdates: boolean },
) {
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ result: MemberSignOutcome }>`
			select result from private.sign_petition_as_member(
				${input.petitionId}::uuid, ${input.showName}, ${input.wantsUpdates}, ${input.comment})`.execute(trx)
		return rows[0]?.result ?? 'closed'
	})
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** `held`: the confirmation is recorded, and a moderator decides because of the rate limits. */
export type ConfirmOutcome = 'confirmed' | 'already_confirmed' | 'held' | 'not_confirmable' | 'unknown'

/** The link in the confirmation email. */
export async function confirmSignature(token: string): Promise<{ result: ConfirmOutcome; petitionSlug: string | null }> {
	if (!UUID.test(token)) return { result: 'unknown', petitionSlug: null }
	return asCaller(anon, async (trx) => {
		const { rows } = await sql<{ result: ConfirmOutcome; petition_slug: string | null }>`
			select result, petition_slug from private.confirm_signature(${token}::uuid)`.execute(trx)
		return { result: rows[0]?.result ?? 'unknown', petitionSlug: rows[0]?.petition_slug ?? null }
	})
}

/** Unsubscribes (or resubscribes) the signer holding this token from a petition's updates. */
export async function setUpdatesByToken(token: string, wantsUpdates: boolean) {
	if (!UUID.test(token)) return null
	return asCaller(anon, async (trx) => {
		const { rows } = await sql<{ petition_slug: string; petition_title: string }>`
			select petition_slug, petition_title from private.set_signature_updates(${token}::uuid, ${wantsUpdates})`.execute(trx)
		const row = rows[0]
		return row ? { slug: row.petition_slug, title: row.petition_title } : null
	})
}

/**
 * Confirmed signatures as CSV, with only what signers agreed to share:
 * name, place and date always (that is the signature); the comment; the
 * email address only for those who asked for updates and have not
 * unsubscribed. The database function decides all of that, and records the
 * export in the audit log as it reads the rows (decision 035).
 *
 * The rows come through a server-side cursor, a thousand at a time, and
 * leave as CSV as fast as the reader takes them, so a petition with a
 * million signatures costs this process no more memory than one with a
 * thousand. Resolves once the first rows are read: a caller who may not
 * export gets the database's refusal (42501) before any byte is sent.
 */
export async function signaturesCsv(caller: Caller, petitionId: string): Promise<ReadableStream<Uint8Array>> {
	const batches = streamAsCaller(caller, sql<ExportRow>`select * from private.signatures_for_export(${petitionId}::uuid)`)
	const first = await batches.next()
	const encoder = new TextEncoder()
	const header = [
		t('petitions.csv.name'),
		t('petitions.csv.place'),
		t('petitions.csv.postalCode'),
		t('petitions.csv.country'),
		t('petitions.csv.confirmedAt'),
		t('petitions.csv.comment'),
		t('petitions.csv.email'),
	]
	let pending: IteratorResult<ExportRow[]> | undefined = first
	return new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(encoder.encode(CSV_START + csvLines([header])))
		},
		async pull(controller) {
			const next = pending ?? (await batches.next())
			pending = undefined
			if (next.done) return controller.close()
			controller.enqueue(encoder.encode(csvLines(next.value.map(exportLine))))
		},
		async cancel() {
			await batches.return(undefined)
		},
	})
}

type ExportRow = {
	name: string
	place_label: string
	postal_code: string
	country_code: string
	confirmed_at: Date | null
	comment: string
	email: string | null
}

function exportLine(row: ExportRow) {
	return [
		row.name,
		row.place_label,
		row.postal_code,
		row.country_code,
		row.confirmed_at ? new Date(row.confirmed_at).toISOString() : '',
		row.comment,
		row.email ?? '',
	]
}
