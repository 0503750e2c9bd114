import type { Task } from 'graphile-worker'
import { sql } from 'kysely'
import { queueEmailBatches, slot } from '#app/email/batch.server'
import { asJob } from '#app/jobs/queue.server'
import { env } from '#app/utils/env.server'

// A campaign update reaches its followers: the job, queued with the update
// (private.queue_campaign_update_email), picks the recipients, queues their
// batches and marks the update sent, in one transaction as the service role
// (docs/decisions/039), so it happens exactly once.

function siteUrl(path: string) {
	return new URL(path, env().SITE_URL).toString()
}

/** Emails an update to every follower. Returns how many. */
export async function announceCampaignUpdate(updateId: string) {
	return asJob(async (trx) => {
		const update = await trx
			.selectFrom('campaign_updates as u')
			.innerJoin('campaigns as c', 'c.id', 'u.campaign_id')
			.select(['u.id', 'u.title', 'u.body', 'u.emailed_at', 'u.campaign_id', 'c.slug', 'c.name'])
			.where('u.id', '=', updateId)
			.forUpdate('u')
			.executeTakeFirst()
		if (!update || update.emailed_at) return 0
		const { rows } = await sql<{ email: string; unsubscribe_token: string }>`
			select email, unsubscribe_token from private.campaign_follower_recipients(${update.campaign_id})`.execute(trx)
		// Replies reach the organizer who wrote the update (docs/decisions/074).
		const { rows: author } = await sql<{ email: string | null }>`
			select private.campaign_update_reply_to(${update.id}) as email`.execute(trx)
		const replyTo = author[0]?.email ?? undefined
		await queueEmailBatches(trx, {
			template: 'campaign_update',
			props: {
				campaignName: update.name,
				title: update.title,
				body: update.body,
				updateUrl: siteUrl(`/campaigns/${update.slug}#update-${update.id}`),
				unsubscribeUrl: slot('unsubscribeUrl'),
			},
			recipients: rows.map((row) => ({
				to: row.email,
				fill: { unsubscribeUrl: siteUrl(`/campaigns/unsubscribe/${row.unsubscribe_token}`) },
			})),
			key: `campaign-update:${update.id}`,
			...(replyTo ? { replyTo } : {}),
		})
		await trx
			.updateTable('campaign_updates')
			.set({ emailed_at: sql`now()` })
			.where('id', '=', update.id)
			.execute()
		return rows.length
	})
}

export const campaignTasks: Record<string, Task> = {
	async announce_campaign_update(payload) {
		const updateId = typeof payload === 'object' && payload !== null ? Reflect.get(payload, 'updateId') : null
		if (typeof updateId === 'string') await announceCampaignUpdate(updateId)
	},
}
