import { Link } from '@remix-run/react'
import type { VotePosition } from '#app/db/types'
import { t } from '#app/i18n/i18n'
import { formatCivilDate } from '#app/siting/clock-format'

type Props = {
	endorsements: Array<{ slug: string; name: string; endorsed_on: string; source_url: string }>
	byProceeding: Record<string, Array<{ slug: string; name: string }>>
	votes: Array<{ id: string; heldOn: string; motion: string; position: VotePosition; proceeding: { slug: string; title: string } }>
}

/** On an official's page: the campaigns they endorsed, and their votes on campaigns' bills and ordinances. */
export function OfficialCampaigns({ endorsements, byProceeding, votes }: Props) {
	const campaignVotes = votes.filter((vote) => byProceeding[vote.proceeding.slug]?.length)
	if (endorsements.length === 0 && campaignVotes.length === 0) return null
	return (
		<section aria-labelledby="official-campaigns-heading" className="space-y-3">
			<h2 id="official-campaigns-heading" className="text-2xl font-bold">
				{t('official.campaigns.heading')}
			</h2>
			<ul className="space-y-3">
				{endorsements.map((endorsement) => (
					<li key={`endorsed-${endorsement.slug}`}>
						{t('official.campaigns.endorsed')} <Link to={`/campaigns/${endorsement.slug}`}>{endorsement.name}</Link>{' '}
						{t('official.campaigns.on', { date: formatCivilDate(endorsement.endorsed_on) })} (
						<a href={endorsement.source_url} rel="noopener noreferrer nofollow">
							{t('official.campaigns.source')}
						</a>
						)
					</li>
				))}
				{campaignVotes.map((vote) => (
					<li key={`vote-${vote.id}`}>
						<strong>{t(`vote.position.${vote.position}`)}</strong> · {vote.motion} · {formatCivilDate(vote.heldOn)} ·{' '}
						{t('official.campaigns.voteOn')}{' '}
						{(byProceeding[vote.proceeding.slug] ?? []).map((campaign, index) => (
							<span key={campaign.slug}>
								{index ? ', ' : ''}
								<Link to={`/campaigns/${campaign.slug}`}>{campaign.name}</Link>
							</span>
						))}
					</li>
				))}
			</ul>
		</section>
	)
}
