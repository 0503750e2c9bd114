import type { CronItem, Task } from 'graphile-worker'
import { sql } from 'kysely'
import { deliverEmail, PermanentEmailError, queueEmails } from '#app/email/email.server'
import { addJob, asJob } from '#app/jobs/queue.server'
import { env } from '#app/utils/env.server'
import { FEDERAL_TIME_ZONE } from './drives.server'
import { drainFederalQueue } from './regulations-gov.server'
import { commentLinks } from './tokens.server'

// Delivering confirmed comments (docs/decisions/054): each to the clerk by
// email as it is confirmed, or one packet a day; sign-on letters once; posts
// to Regulations.gov through the rate-limited drainer; the writer's copy with
// its report link; and the organizers told of a report. Each delivery row is
// marked delivered with its receipt only after the provider said yes; the
// provider's idempotency key (the delivery's id) makes a retry after a crash
// the same message, never a second one. Jobs run as the service role (039).

type CommentForDelivery = {
	id: string
	name: string
	family_name: string | null
	email: string
	address: string | null
	postal_code: string | null
	place_label: string | null
	organization: string | null
	submitter: string
	body: string
	status: string
	confirmed_at: Date | null
	confirmed_email: string | null
	outside_jurisdiction: boolean
	drive_title: string
	drive_slug: string
	case_number: string | null
	proceeding_title: string | null
	body_name: string | null
	clerk_email: string | null
	clerk_name: string | null
	time_zone: string | null
	document_id: string | null
}

async function loadComment(commentId: string) {
	return asJob(async (trx) => {
		const { rows } = await sql<CommentForDelivery>`
			select c.id, c.name, c.family_name, c.email, c.address, c.postal_code, c.place_label, c.organization, c.submitter,
				c.body, c.status, c.confirmed_at, c.confirmed_email, c.outside_jurisdiction, d.title as drive_title,
				d.slug as drive_slug, p.case_number, p.title as proceeding_title, b.name as body_name, s.clerk_email,
				s.clerk_name, b.time_zone, d.regulations_gov_document_id as document_id
			from public.comments c
			join public.comment_drives d on d.id = c.drive_id
			left join public.proceedings p on p.id = d.proceeding_id
			left join public.bodies b on b.id = p.body_id
			left join public.comment_channel_settings s on s.body_id = b.id
			where c.id = ${commentId}::uuid`.execute(trx)
		return rows[0] ?? null
	})
}

export function fullName(comment: { name: string; family_name: string | null }) {
	return [comment.name, comment.family_name].filter(Boolean).join(' ')
}

function attribution(comment: CommentForDelivery) {
	return {
		name: comment.submitter === 'anonymous' ? null : fullName(comment),
		organization: comment.organization,
		address:
			comment.submitter === 'anonymous' ? null : [comment.address, comment.place_label, comment.postal_code].filter(Boolean).join(', '),
		confirmedEmail: comment.submitter === 'anonymous' ? null : comment.confirmed_email,
		confirmedAt: comment.confirmed_at ? new Date(comment.confirmed_at).toISOString() : null,
		body: comment.body,
	}
}

async function markDelivery(deliveryIds: string[], outcome: { receipt: string } | { error: string; retry: boolean }) {
	if (deliveryIds.length === 0) return
	await asJob(async (trx) => {
		if ('receipt' in outcome) {
			await trx
				.updateTable('comment_deliveries')
				.set({ status: 'delivered', receipt: outcome.receipt, delivered_at: new Date(), last_error: null })
				.where('id', 'in', deliveryIds)
				.where('status', '<>', 'delivered')
				.execute()
		} else {
			await trx
				.updateTable('comment_deliveries')
				.set((eb) => ({
					status: outcome.retry ? 'pending' : 'failed',
					attempts: eb('attempts', '+', 1),
					last_error: outcome.error.slice(0, 2000),
				}))
				.where('id', 'in', deliveryIds)
				.where('status', '<>', 'delivered')
				.execute()
		}
	})
}

/** One comment to the clerk, from Groundwork, with the writer as Reply-To. */
const deliverCommentEmail: Task = async (payload, helpers) => {
	const { commentId } = payload as { commentId: string }
	const comment = await loadComment(commentId)
	// A held comment waits for its review (which queues this again); a removed or withdrawn one never goes.
	if (!comment || comment.status !== 'confirmed') return
	const delivery = await asJob((trx) =>
		trx
			.selectFrom('comment_deliveries')
			.select(['id', 'status'])
			.where('comment_id', '=', commentId)
			.where('kind', '=', 'email')
			.executeTakeFirst(),
	)
	if (!delivery || delivery.status === 'delivered') return
	if (!comment.clerk_email) {
		await markDelivery([delivery.id], { error: 'No clerk address is recorded for this body', retry: false })
		return
	}
	try {
		const sent = await deliverEmail({
			to: comment.clerk_email,
			template: 'comment_to_clerk',
			props: {
				clerkName: comment.clerk_name,
				bodyName: comment.body_name ?? '',
				driveTitle: comment.drive_title,
				caseNumber: comment.case_number,
				proceedingTitle: comment.proceeding_title,
				timeZone: comment.time_zone ?? FEDERAL_TIME_ZONE,
				comments: [attribution(comment)],
			},
			idempotencyKey: `comment-delivery:${delivery.id}`,
			replyTo: comment.submitter === 'anonymous' ? undefined : comment.email,
		})
		await markDelivery([delivery.id], { receipt: sent?.id ?? `email:${delivery.id}` })
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error)
		if (error instanceof PermanentEmailError) {
			helpers.logger.error(`comment ${commentId}: the clerk's address refused: ${message}`)
			await markDelivery([delivery.id], { error: message, retry: false })
			return
		}
		// Shown as pending with the reason; graphile-worker tries again with backoff.
		await markDelivery([delivery.id], { error: message, retry: true })
		throw error
	}
}

/** The writer's copy of what they confirmed, with the link to say it was not them. */
const sendCommentCopy: Task = async (payload) => {
	const { commentId } = payload as { commentId: string }
	const comment = await loadComment(commentId)
	if (!comment || comment.status === 'unconfirmed') return
	await asJob((trx) =>
		queueEmails(trx, [
			{
				to: comment.email,
				template: 'comment_copy',
				props: {
					name: comment.name,
					driveTitle: comment.drive_title,
					bodyName: comment.body_name ?? comment.document_id ?? comment.drive_title,
					comment: comment.body,
					...commentLinks(comment.id),
				},
				idempotencyKey: `comment-copy:${comment.id}`,
			},
		]),
	)
}

/** Once a day: every confirmed comment waiting for a body that wants one packet, in one email per drive. */
const sendCommentPackets: Task = async (_payload, helpers) => {
	const drives = await asJob(async (trx) => {
		const { rows } = await sql<{ drive_id: string }>`
			select distinct x.drive_id from public.comment_deliveries x
			join public.comments c on c.id = x.comment_id
			where x.kind = 'email_packet' and x.status in ('pending', 'sending') and c.status = 'confirmed'`.execute(trx)
		return rows.map((row) => row.drive_id)
	})
	// One drive's outage does not hold back the others; the job fails afterwards so the worker tries again soon.
	const failures: unknown[] = []
	for (const driveId of drives) await sendPacket(driveId, helpers.logger).catch((error: unknown) => failures.push(error))
	if (failures.length > 0) throw failures[0]
}

async function sendPacket(driveId: string, logger: { error: (message: string) => void }) {
	// Claim: the waiting rows become "sending" under one packet key kept in their receipt, so a retry sends the same packet.
	const claimed = await asJob(async (trx) => {
		const sending = await trx
			.selectFrom('comment_deliveries')
			.select(['id', 'comment_id', 'receipt'])
			.where('drive_id', '=', driveId)
			.where('kind', '=', 'email_packet')
			.where('status', '=', 'sending')
			.execute()
		if (sending.length > 0) return { key: sending[0]?.receipt ?? `packet:${driveId}`, rows: sending }
		const key = `packet:${driveId}:${Date.now()}`
		const rows = await trx
			.updateTable('comment_deliveries as x')
			.set({ status: 'sending', receipt: key })
			.from('comments as c')
			.whereRef('c.id', '=', 'x.comment_id')
			.where('c.status', '=', 'confirmed')
			.where('x.drive_id', '=', driveId)
			.where('x.kind', '=', 'email_packet')
			.where('x.status', '=', 'pending')
			.returning(['x.id', 'x.comment_id', 'x.receipt'])
			.execute()
		return { key, rows }
	})
	if (claimed.rows.length === 0) return
	const comments = (await Promise.all(claimed.rows.map((row) => (row.comment_id ? loadComment(row.comment_id) : null)))).filter(
		(comment): comment is CommentForDelivery => comment !== null,
	)
	const first = comments[0]
	const ids = claimed.rows.map((row) => row.id)
	if (!first?.clerk_email) {
		await markDelivery(ids, { error: 'No clerk address is recorded for this body', retry: false })
		return
	}
	try {
		const sent = await deliverEmail({
			to: first.clerk_email,
			template: 'comment_to_clerk',
			props: {
				clerkName: first.clerk_name,
				bodyName: first.body_name ?? '',
				driveTitle: first.drive_title,
				caseNumber: first.case_number,
				proceedingTitle: first.proceeding_title,
				timeZone: first.time_zone ?? FEDERAL_TIME_ZONE,
				comments: comments.map(attribution),
			},
			idempotencyKey: claimed.key,
		})
		await markDelivery(ids, { receipt: sent?.id ?? claimed.key })
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error)
		logger.error(`comment packet for drive ${driveId}: ${message}`)
		if (error instanceof PermanentEmailError) {
			await markDelivery(ids, { error: message, retry: false })
			return
		}
		// The rows stay "sending" under the same key, with the reason shown: the retry resends this very packet.
		await asJob((trx) =>
			trx
				.updateTable('comment_deliveries')
				.set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: message.slice(0, 2000) }))
				.where('id', 'in', ids)
				.where('status', '=', 'sending')
				.execute(),
		)
		throw error
	}
}

/** A sign-on letter by email: the letter once, with every confirmed signer, the organizer who sent it as Reply-To. */
const deliverSignOnLetter: Task = async (payload) => {
	const { deliveryId } = payload as { deliveryId: string }
	const letter = await asJob(async (trx) => {
		const { rows } = await sql<{
			id: string
			status: string
			drive_id: string
			title: string
			template: string
			case_number: string | null
			proceeding_title: string | null
			body_name: string | null
			clerk_email: string | null
			clerk_name: string | null
			time_zone: string | null
			reply_to: string | null
			created_at: Date
		}>`
			select x.id, x.status, x.created_at, d.id as drive_id, d.title, d.template, p.case_number, p.title as proceeding_title,
				b.name as body_name, s.clerk_email, s.clerk_name, b.time_zone,
				coalesce(private.account_email(x.requested_by), private.account_email(d.created_by)) as reply_to
			from public.comment_deliveries x
			join public.comment_drives d on d.id = x.drive_id
			left join public.proceedings p on p.id = d.proceeding_id
			left join public.bodies b on b.id = p.body_id
			left join public.comment_channel_settings s on s.body_id = b.id
			where x.id = ${deliveryId}::uuid and x.kind = 'sign_on_letter'`.execute(trx)
		const row = rows[0]
		if (!row) return null
		const signers = await trx
			.selectFrom('comments')
			.select(['name', 'family_name', 'place_label', 'organization'])
			.where('drive_id', '=', row.drive_id)
			.where('status', '=', 'confirmed')
			// The signers counted when the organizer sent it: a retry after an outage sends the same letter.
			.where('confirmed_at', '<=', row.created_at)
			.orderBy('created_at')
			.execute()
		return { ...row, signers }
	})
	if (!letter || letter.status === 'delivered') return
	if (!letter.clerk_email) {
		await markDelivery([letter.id], { error: 'No clerk address is recorded for this body', retry: false })
		return
	}
	try {
		const sent = await deliverEmail({
			to: letter.clerk_email,
			template: 'comment_sign_on_letter',
			props: {
				clerkName: letter.clerk_name,
				bodyName: letter.body_name ?? '',
				driveTitle: letter.title,
				caseNumber: letter.case_number,
				proceedingTitle: letter.proceeding_title,
				letter: letter.template,
				signers: letter.signers.map((signer) => ({
					name: fullName(signer),
					organization: signer.organization,
					place: signer.place_label,
				})),
			},
			idempotencyKey: `sign-on-letter:${letter.id}`,
			// The clerk's answer goes to the organizer who sent the letter (or who opened the drive).
			replyTo: letter.reply_to ?? undefined,
		})
		await markDelivery([letter.id], { receipt: sent?.id ?? `email:${letter.id}` })
		await asJob((trx) =>
			trx.updateTable('comment_drives').set({ letter_delivered_at: new Date() }).where('id', '=', letter.drive_id).execute(),
		)
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error)
		await markDelivery([letter.id], { error: message, retry: !(error instanceof PermanentEmailError) })
		if (!(error instanceof PermanentEmailError)) throw error
	}
}

/** Posts what is due to Regulations.gov; comes back when a limit or a backoff says to. */
const postFederalComments: Task = async () => {
	const result = await drainFederalQueue()
	if (result.waitUntil) await addJob('post_federal_comments', {}, { jobKey: 'post-federal-comments', runAt: result.waitUntil })
}

/** The drive's organizers hear of a report at once: comments are held until one of them (or a moderator) reviews it. */
const notifyCommentReport: Task = async (payload) => {
	const { reportId } = payload as { reportId: string }
	await asJob(async (trx) => {
		const { rows } = await sql<{ email: string; drive_title: string; drive_slug: string; held_count: number }>`
			select private.account_email(m.user_id) as email, d.title as drive_title, d.slug as drive_slug, r.held_count
			from public.comment_reports r
			join public.comment_drives d on d.id = r.drive_id
			join public.memberships m on m.chapter_id = d.chapter_id and m.role = 'organizer' and m.status = 'active'
			where r.id = ${reportId}::uuid`.execute(trx)
		await queueEmails(
			trx,
			rows
				.filter((row) => row.email)
				.map((row) => ({
					to: row.email,
					template: 'comment_report' as const,
					props: {
						driveTitle: row.drive_title,
						heldCount: Number(row.held_count),
						reviewUrl: new URL(`/comments/${row.drive_slug}/manage#reports`, env().SITE_URL).toString(),
					},
					idempotencyKey: `comment-report:${reportId}:${row.email}`,
				})),
		)
	})
}

export const commentTasks = {
	deliver_comment_email: deliverCommentEmail,
	send_comment_copy: sendCommentCopy,
	send_comment_packets: sendCommentPackets,
	deliver_sign_on_letter: deliverSignOnLetter,
	post_federal_comments: postFederalComments,
	notify_comment_report: notifyCommentReport,
} satisfies Record<string, Task>

/** The daily packet goes at 13:00 UTC (8 or 9 am on the East Coast); the federal queue is swept every ten minutes in case a wake-up was lost. */
export const commentCron: CronItem[] = [
	{ task: 'send_comment_packets', match: '0 13 * * *', identifier: 'send-comment-packets' },
	{ task: 'post_federal_comments', match: '*/10 * * * *', identifier: 'post-federal-comments' },
]
