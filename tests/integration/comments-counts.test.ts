import type pg from 'pg'
import { expect, test } from 'vitest'
import { createComment, createCommentWorld, createDelivery } from '#tests/helpers/comment-factories'
import { rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// A drive's counters (docs/decisions/072) read the comments' own index, with
// "delivered" kept on the comment by the deliveries' trigger. Through every
// change a comment goes through they agree with counting the rows one by one.

type Counts = { started: string; confirmed: string; delivered: string; unique_count: string; near_duplicates: string; held: string }

async function counted(client: pg.Client, driveId: string) {
	const [row] = await rowsVisibleAs<Counts>(
		client,
		'anon',
		'select started, confirmed, delivered, unique_count, near_duplicates, held from private.comment_drive_counts($1::uuid[])',
		[[driveId]],
	)
	return row
}

/** The same counts the slow way: every comment, and a look at its deliveries. */
async function recounted(client: pg.Client, driveId: string) {
	const { rows } = await client.query<Counts>(
		`select
			count(*) filter (where c.status not in ('withdrawn', 'removed'))::text as started,
			count(*) filter (where c.status = 'confirmed')::text as confirmed,
			(count(*) filter (where c.status = 'confirmed' and exists (
				select 1 from public.comment_deliveries x where x.comment_id = c.id and x.status = 'delivered'))
			+ coalesce((select sum(item_count) from public.comment_deliveries x
				where x.drive_id = $1 and x.kind = 'sign_on_letter' and x.status = 'delivered'), 0))::text as delivered,
			count(*) filter (where c.status = 'confirmed' and not c.near_duplicate)::text as unique_count,
			count(*) filter (where c.status = 'confirmed' and c.near_duplicate)::text as near_duplicates,
			count(*) filter (where c.status = 'held')::text as held
		from public.comments c where c.drive_id = $1`,
		[driveId],
	)
	return rows[0]
}

test('the counters agree with counting every comment through confirming, delivering, holding, removing and withdrawing', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const drive = world.drive.id
		const expectAgreement = async (expected: Partial<Counts>) => {
			const fast = await counted(client, drive)
			expect(fast).toEqual(await recounted(client, drive))
			expect(fast).toMatchObject(expected)
		}
		await expectAgreement({ started: '0', confirmed: '0', delivered: '0' })

		const comments = []
		for (let n = 0; n < 6; n++) comments.push(await createComment(client, drive, { status: n < 4 ? 'confirmed' : 'unconfirmed' }))
		const [a, b, c, d, e] = comments.map((comment) => comment.id)
		await client.query('update public.comments set near_duplicate = true where id = $1', [b])
		await expectAgreement({ started: '6', confirmed: '4', delivered: '0', unique_count: '3', near_duplicates: '1', held: '0' })

		// Delivered by email, then the same comment handed over in print too: counted once.
		const emailed = await createDelivery(client, drive, a ?? '')
		await client.query(`update public.comment_deliveries set status = 'delivered', delivered_at = now(), receipt = 'm-1' where id = $1`, [
			emailed.id,
		])
		await client.query(
			`insert into public.comment_deliveries (drive_id, comment_id, kind, status, receipt, delivered_at)
			values ($1, $2, 'printed_packet', 'delivered', 'handed over', now()), ($1, $3, 'printed_packet', 'delivered', 'handed over', now())`,
			[drive, a, b],
		)
		// A delivery still pending counts for nothing.
		await createDelivery(client, drive, c ?? '')
		await expectAgreement({ confirmed: '4', delivered: '2' })

		await client.query(`update public.comments set status = 'held' where id = $1`, [c])
		await client.query(`update public.comments set status = 'removed' where id = $1`, [d])
		await client.query(`update public.comments set status = 'withdrawn' where id = $1`, [e])
		await expectAgreement({ started: '4', confirmed: '2', delivered: '2', held: '1' })

		// A delivered comment later removed after a report no longer counts as delivered to the body's record.
		await client.query(`update public.comments set status = 'removed' where id = $1`, [a])
		await expectAgreement({ started: '3', confirmed: '1', delivered: '1' })
	}))
