import { expect, test } from 'vitest'
import { commentTokenPair, createComment, createCommentWorld, createReport } from '#tests/helpers/comment-factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole } from '#tests/helpers/siting-factories'

// Reports of comments filed in someone's name. Anyone reports (through the
// functions, which hold the comments at once); the drive's organizers and
// moderators read reports, with the reporter's email, and decide them.

test('reports and reporters’ emails are read by the drive’s organizers and moderators only', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const report = await createReport(client, world.drive.id, null)
		const seen = await byRole(world, async (actor) =>
			(
				await rowsVisibleAs<{ reporter_email: string }>(client, actor, 'select reporter_email from public.comment_reports where id = $1', [
					report.id,
				])
			).map((row) => row.reporter_email),
		)
		expect(seen).toEqual({
			anon: [],
			member: [],
			organizer: ['dana-report@example.org'],
			otherOrganizer: [],
			moderator: ['dana-report@example.org'],
		})
		const written = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, `insert into public.comment_reports (drive_id, reporter_name, source) values ($1, 'X', 'drive_page')`, [
				world.drive.id,
			]),
		)
		expect(written).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
	}))

test('a report from the copy’s link holds that comment; one from the drive page holds the comments matching the claim', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const pair = commentTokenPair()
		const byLink = await createComment(client, world.drive.id, { status: 'confirmed', token: pair.hash, name: 'Lee Park' })
		const sameName = await createComment(client, world.drive.id, { status: 'confirmed', name: '  dana   WHITFIELD ' })
		const otherName = await createComment(client, world.drive.id, { status: 'confirmed', name: 'Sam Ortiz' })
		// The reporter's own comment, confirmed from their own inbox, is theirs (docs/decisions/072).
		const own = await createComment(client, world.drive.id, {
			status: 'confirmed',
			name: 'Dana Whitfield',
			email: 'Dana+drive@Example.org',
		})
		// Someone else of the same name elsewhere makes no claim on the reporter's standing.
		const elsewhere = await createComment(client, world.drive.id, { status: 'confirmed', name: 'Dana Whitfield' })
		await client.query(`update public.comments set postal_code = '90210' where id = $1`, [elsewhere.id])
		// A given name and a family name apart, and the ZIP code only in the street address.
		const split = await createComment(client, world.drive.id, { status: 'unconfirmed', name: 'Dana' })
		await client.query(
			`update public.comments set family_name = 'Whitfield', postal_code = null, address = '12 Mill Road, Ashburn VA 20147' where id = $1`,
			[split.id],
		)
		await rowsVisibleAs(client, 'anon', 'select private.report_comment_by_token($1, $2, $3)', [pair.hash, 'Lee Park', 'not me'])
		const reported = await rowsVisibleAs<{ id: string }>(
			client,
			'anon',
			'select private.report_comment_by_name($1, $2, $3, $4, $5) as id',
			[world.drive.id, 'Dana Whitfield', 'dana@example.org', '20147', ''],
		)
		const statuses = await client.query<{ id: string; status: string }>('select id, status from public.comments where drive_id = $1', [
			world.drive.id,
		])
		const status = Object.fromEntries(statuses.rows.map((row) => [row.id, row.status]))
		expect([status[byLink.id], status[sameName.id], status[otherName.id], status[own.id], status[elsewhere.id], status[split.id]]).toEqual([
			'held',
			'held',
			'confirmed',
			'confirmed',
			'confirmed',
			'held',
		])
		const report = await client.query<{ held_count: number; reporter_postal_code: string }>(
			'select held_count, reporter_postal_code from public.comment_reports where id = $1',
			[reported[0]?.id],
		)
		expect(report.rows[0]).toEqual({ held_count: 2, reporter_postal_code: '20147' })
	}))

test('only the drive’s organizers and moderators decide a report; upholding removes the comment, dismissing releases it', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const held = await createComment(client, world.drive.id, { status: 'confirmed', name: 'Dana Whitfield' })
		const reported = await rowsVisibleAs<{ id: string }>(
			client,
			'anon',
			'select private.report_comment_by_name($1, $2, $3, $4, $5) as id',
			[world.drive.id, 'Dana Whitfield', 'dana@example.org', '20147', ''],
		)
		const reportId = reported[0]?.id
		const review = 'select private.review_comment_report($1, $2, $3) as done'
		for (const actor of ['anon', world.member, world.otherOrganizer] as const) {
			const refused = await failureAs(client, actor, review, [reportId, true, ''])
			expect(['42501', 'P0002']).toContain(refused.code)
		}
		expect((await rowsVisibleAs<{ done: boolean }>(client, world.organizer, review, [reportId, false, 'genuine']))[0]?.done).toBe(true)
		const after = await client.query<{ status: string }>('select status from public.comments where id = $1', [held.id])
		expect(after.rows[0]?.status).toBe('confirmed')
		// Decided once: a second decision changes nothing.
		expect((await rowsVisibleAs<{ done: boolean }>(client, world.moderator, review, [reportId, true, '']))[0]?.done).toBe(false)
	}))
