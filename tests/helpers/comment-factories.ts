import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type pg from 'pg'
import type { CommentInput } from '#app/comments/schemas'
import { uniqueSuffix } from './factories'
import { onlyRow } from './rls'
import { createBody, createProceeding, createSitingWorld, type SitingWorld } from './siting-factories'

// Comment drives for the tests: a siting world (a project, its chapter and a
// person in each position) with a body, a proceeding and a drive the
// chapter organizes, and comments written straight into the table as the
// superuser inside the test's transaction.

export type CommentWorld = SitingWorld & { bodyId: string; proceeding: { id: string; slug: string }; drive: { id: string; slug: string } }

export async function createCommentWorld(client: pg.Client): Promise<CommentWorld> {
	const world = await createSitingWorld(client)
	const body = await createBody(client, world.place, world.organizer)
	const proceeding = await createProceeding(client, world.project, body.id, world.organizer)
	const drive = await createDrive(client, world, proceeding.id)
	return { ...world, bodyId: body.id, proceeding, drive }
}

export async function createDrive(
	client: pg.Client,
	world: SitingWorld,
	proceedingId: string,
	options: { status?: 'draft' | 'open' | 'closed'; template?: string; signOn?: boolean; channel?: string; documentId?: string } = {},
) {
	const slug = `test-drive-${uniqueSuffix()}`
	const row = onlyRow(
		await client.query<{ id: string }>(
			`insert into public.comment_drives (slug, chapter_id, proceeding_id, title, template, deadline, channel, status, sign_on, created_by,
				regulations_gov_document_id)
			values ($1, $2, $3, 'Tell the board', $4, now() + interval '7 days', $5, $6, $7, $8, $9) returning id`,
			[
				slug,
				world.chapter.id,
				proceedingId,
				options.template ?? 'The rezoning would put a data center next to homes.',
				options.channel ?? 'email',
				options.status ?? 'open',
				options.signOn ?? false,
				world.organizer.id,
				options.documentId ?? (options.channel === 'regulations_gov' ? 'EPA-HQ-OAR-2021-0317-0001' : null),
			],
		),
	)
	return { id: row.id, slug }
}

export function commentTokenPair() {
	const token = randomBytes(24).toString('base64url')
	return { token, hash: createHash('sha256').update(token, 'utf8').digest() }
}

export async function createComment(
	client: pg.Client,
	driveId: string,
	options: { email?: string; name?: string; status?: 'unconfirmed' | 'confirmed' | 'held'; body?: string; token?: Buffer } = {},
) {
	const id = randomUUID()
	const email = options.email ?? `commenter-${uniqueSuffix()}@example.org`
	const confirmed = options.status === 'confirmed' || options.status === 'held'
	await client.query(
		`insert into public.comments (id, drive_id, name, email, email_normalized, address, postal_code, body, status, token_hash,
			confirmed_at, confirmed_email)
		values ($1, $2, $3, $4, lower($4), '12 Mill Road', '20147', $5, $6, $7, $8, $9)`,
		[
			id,
			driveId,
			options.name ?? 'Dana Whitfield',
			email,
			options.body ?? 'Our well is 400 feet from the site.',
			options.status ?? 'unconfirmed',
			options.token ?? commentTokenPair().hash,
			confirmed ? new Date() : null,
			confirmed ? email : null,
		],
	)
	return { id, email }
}

export async function createDelivery(client: pg.Client, driveId: string, commentId: string, kind = 'email') {
	return onlyRow(
		await client.query<{ id: string }>(
			`insert into public.comment_deliveries (drive_id, comment_id, kind) values ($1, $2, $3) returning id`,
			[driveId, commentId, kind],
		),
	)
}

export async function createReport(client: pg.Client, driveId: string, commentId: string | null) {
	return onlyRow(
		await client.query<{ id: string }>(
			`insert into public.comment_reports (drive_id, comment_id, reporter_name, reporter_email, source)
			values ($1, $2, 'Dana Whitfield', 'dana-report@example.org', 'drive_page') returning id`,
			[driveId, commentId],
		),
	)
}

/** What a writer types into a drive's comment form. */
export function commentInput(email: string, body: string, overrides: Partial<CommentInput> = {}): CommentInput {
	return {
		intent: 'submit',
		name: 'Dana',
		familyName: '',
		email,
		address: '12 Mill Road',
		postalCode: '',
		organization: '',
		startedFrom: 'template',
		body,
		consent: 'on',
		...overrides,
	}
}

/** The token in a comment's confirmation email. */
export function confirmationTokenIn(text: string) {
	const token = /\/comments\/confirm\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1]
	if (!token) throw new Error(`no confirmation link in: ${text}`)
	return token
}
