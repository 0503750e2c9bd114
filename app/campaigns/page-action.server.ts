import { redirect } from '@remix-run/node'
import type { SignedInSession } from '#app/auth/guards.server'
import { asCaller } from '#app/db/db.server'
import { unlessRefused } from '#app/db/refusals.server'
import { badRequest } from '#app/utils/responses.server'
import type { CampaignPage } from './campaigns.server'
import { isPageIntent, pageIntent } from './manage-intents'

// The public page's forms: follow and stop following, and an invited
// chapter's organizers answering the invitation.

type Submission = SignedInSession & { campaign: CampaignPage; formData: FormData }

function back(campaign: CampaignPage, done: string) {
	return `/campaigns/${campaign.slug}?done=${done}`
}

export async function handlePage(submission: Submission) {
	const intent = submission.formData.get('intent')
	if (!isPageIntent(intent)) badRequest('Unknown action')
	const { caller, user, campaign, headers, formData } = submission
	switch (intent) {
		case pageIntent.follow: {
			const outcome = await unlessRefused(() =>
				asCaller(caller, (trx) =>
					trx
						.insertInto('campaign_followers')
						.values({ campaign_id: campaign.id, user_id: user.id })
						.onConflict((conflict) => conflict.columns(['campaign_id', 'user_id']).doNothing())
						.execute(),
				),
			)
			if (!outcome.ok && outcome.refusal.kind !== 'duplicate') throw outcome.error
			return redirect(back(campaign, 'followed'), { headers })
		}
		case pageIntent.unfollow:
			await asCaller(caller, (trx) =>
				trx.deleteFrom('campaign_followers').where('campaign_id', '=', campaign.id).where('user_id', '=', user.id).execute(),
			)
			return redirect(back(campaign, 'unfollowed'), { headers })
		case pageIntent.accept:
		case pageIntent.decline: {
			const chapterId = String(formData.get('chapterId') ?? '')
			if (!campaign.viewer.invitations.some((chapter) => chapter.id === chapterId)) badRequest('Not invited')
			await asCaller(caller, async (trx) => {
				if (intent === pageIntent.accept) {
					await trx
						.updateTable('campaign_chapters')
						.set({ status: 'active' })
						.where('campaign_id', '=', campaign.id)
						.where('chapter_id', '=', chapterId)
						.execute()
				} else {
					await trx.deleteFrom('campaign_chapters').where('campaign_id', '=', campaign.id).where('chapter_id', '=', chapterId).execute()
				}
			})
			return redirect(back(campaign, intent === pageIntent.accept ? 'accepted' : 'declined'), { headers })
		}
	}
}
