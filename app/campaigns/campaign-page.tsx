import { Form, Link } from '@remix-run/react'
import type { Root } from 'mdast'
import { Notice } from '#app/components/choice-field'
import { ButtonLink } from '#app/components/layout'
import { formatRelative, t } from '#app/i18n/i18n'
import { Markdown } from '#app/markdown/markdown'
import { formatCivilDate } from '#app/siting/clock-format'
import { BallotFigures } from './ballot-view'
import type { CampaignPage, LinkedAction } from './campaigns.server'
import { pageIntent } from './manage-intents'
import { ScrollRegion } from './scroll-region'
import { StagesTable, Timeline } from './timeline'

// The public campaign page: above the fold on a phone, what it is, who runs
// it, the next deadline and one thing to do; then the road (SVG and table),
// the ballot arithmetic, endorsements, officials' votes, linked actions and
// updates.

const buttonClass =
	'inline-flex min-h-11 items-center justify-center rounded-md border-2 border-action px-4 py-2 font-semibold text-action hover:bg-action-soft'

function nextMilestone(campaign: CampaignPage) {
	return campaign.milestones.find((milestone) => !milestone.doneOn && milestone.dueOn >= campaign.today) ?? null
}

function linkHref(link: LinkedAction) {
	switch (link.kind) {
		case 'petition':
			return `/petitions/${link.slug}`
		case 'event':
			return `/chapters/${link.chapterSlug}/events/${link.id}`
		case 'proceeding':
			return `/projects/${link.projectSlug}#proceeding-${link.slug}`
		case 'body':
			return `/bodies/${link.slug}`
	}
}

function linkTitle(link: LinkedAction) {
	switch (link.kind) {
		case 'petition':
		case 'event':
			return link.title
		case 'proceeding':
			return `${link.title} (${link.projectName})`
		case 'body':
			return link.name
	}
}

export function CampaignPageView({
	campaign,
	description,
	updates,
	notice,
}: {
	campaign: CampaignPage
	description: Root | null
	updates: Array<{ id: string; title: string; createdAt: string; authorName: string; tree: Root }>
	notice: string | null
}) {
	const next = nextMilestone(campaign)
	const over = campaign.status === 'won' || campaign.status === 'lost' || campaign.status === 'ended'
	const petition = campaign.links.find((link) => link.kind === 'petition' && link.status === 'published')
	const active = campaign.coalition.filter((chapter) => chapter.active)
	return (
		<article className="space-y-10">
			<header className="space-y-3">
				<p className="text-ink-muted">
					{t('campaign.kindIn', { kind: t(`campaigns.kind.${campaign.kind}`), place: campaign.place })} ·{' '}
					<strong>{t(`campaigns.status.${campaign.status}`)}</strong>
				</p>
				<h1 className="text-3xl leading-tight font-bold sm:text-4xl">{campaign.name}</h1>
				<p className="max-w-prose text-xl">{campaign.goal}</p>
				<p>{t('campaign.decides', { target: `${t(`campaigns.target.${campaign.target}`)}: ${campaign.targetName}` })}</p>
				{active.length ? (
					<p>
						{t('campaign.coalition', { chapters: '' })}
						{active.map((chapter, index) => (
							<span key={chapter.id}>
								{index ? ', ' : ''}
								<Link to={`/chapters/${chapter.slug}`}>{chapter.name}</Link>
							</span>
						))}
					</p>
				) : null}
				{campaign.outcome ? (
					<p className="font-semibold">
						{t('campaign.outcome', { outcome: campaign.outcome })}
						{campaign.outcomeSourceUrl ? (
							<>
								{' '}
								(
								<a href={campaign.outcomeSourceUrl} rel="noopener noreferrer nofollow">
									{t('campaign.outcome.source')}
								</a>
								)
							</>
						) : null}
					</p>
				) : null}
				{notice ? <Notice>{notice}</Notice> : null}
			</header>

			<section aria-labelledby="next-heading" className="space-y-3 rounded-lg border border-line bg-paper-raised p-5">
				<h2 id="next-heading" className="text-xl font-bold">
					{over ? t('campaign.next.overHeading') : t('campaign.next.heading')}
				</h2>
				{over ? (
					<p className="text-lg">{t('campaign.next.over')}</p>
				) : next ? (
					<p className="text-lg">
						{t('campaign.next.milestone', {
							title: next.title,
							date: formatCivilDate(next.dueOn),
							relative: formatRelative(`${next.dueOn}T12:00:00Z`, `${campaign.today}T12:00:00Z`),
						})}
						{next.ownerName ? (
							<span className="block text-base text-ink-muted">{t('campaign.next.owner', { owner: next.ownerName })}</span>
						) : null}
					</p>
				) : (
					<p>{t('campaign.next.none')}</p>
				)}
				<div className="flex flex-wrap gap-3">
					{petition && petition.kind === 'petition' ? (
						<ButtonLink to={`/petitions/${petition.slug}`}>{t('campaign.sign')}</ButtonLink>
					) : null}
					<FollowForm campaign={campaign} />
				</div>
				<p className="text-sm text-ink-muted">{t('campaign.followers', { count: campaign.followers })}</p>
				{campaign.viewer.canManage || campaign.viewer.isMember ? (
					<p className="flex flex-wrap gap-4">
						{campaign.viewer.canManage ? <Link to={`/campaigns/${campaign.slug}/manage`}>{t('campaign.manage')}</Link> : null}
						<Link to={`/campaigns/${campaign.slug}/paper`}>{t('campaign.paper')}</Link>
					</p>
				) : null}
			</section>

			{campaign.viewer.invitations.map((chapter) => (
				<section key={chapter.id} className="space-y-3 rounded-lg border-2 border-action p-5" aria-label={chapter.name}>
					<p>{t('campaign.invitation', { chapter: chapter.name })}</p>
					<div className="flex flex-wrap gap-3">
						<Form method="post">
							<input type="hidden" name="chapterId" value={chapter.id} />
							<button type="submit" name="intent" value={pageIntent.accept} className={buttonClass}>
								{t('campaign.invitation.accept', { chapter: chapter.name })}
							</button>
						</Form>
						<Form method="post">
							<input type="hidden" name="chapterId" value={chapter.id} />
							<button type="submit" name="intent" value={pageIntent.decline} className={buttonClass}>
								{t('campaign.invitation.decline')}
							</button>
						</Form>
					</div>
				</section>
			))}

			{description ? <Markdown tree={description} className="max-w-prose space-y-4 text-lg" /> : null}

			<section aria-labelledby="timeline-heading" className="space-y-4">
				<h2 id="timeline-heading" className="text-2xl font-bold">
					{t('campaign.timeline.heading')}
				</h2>
				<p className="max-w-prose">{t('campaign.timeline.lead')}</p>
				<div className="space-y-6">
					<Timeline name={campaign.name} stages={campaign.stages} milestones={campaign.milestones} today={campaign.today} />
					<StagesTable stages={campaign.stages} campaignSlug={campaign.slug} />
				</div>
			</section>

			<section aria-labelledby="milestones-heading" className="space-y-3">
				<h2 id="milestones-heading" className="text-2xl font-bold">
					{t('campaign.milestones.heading')}
				</h2>
				{campaign.milestones.length ? (
					<ScrollRegion label={t('campaign.milestones.caption')}>
						<table className="w-full max-w-3xl border-collapse text-left">
							<caption className="sr-only">{t('campaign.milestones.caption')}</caption>
							<thead>
								<tr>
									<th scope="col" className="border-b border-line py-2 pr-4">
										{t('campaign.milestones.what')}
									</th>
									<th scope="col" className="border-b border-line py-2 pr-4">
										{t('campaign.milestones.due')}
									</th>
									<th scope="col" className="border-b border-line py-2">
										{t('campaign.milestones.done')}
									</th>
								</tr>
							</thead>
							<tbody>
								{campaign.milestones.map((milestone) => (
									<tr key={milestone.id} className="align-top">
										<th scope="row" className="border-b border-line py-2 pr-4 font-normal">
											{milestone.title}
											{milestone.ownerName ? (
												<span className="block text-sm text-ink-muted">
													{t('campaign.milestones.owner')}: {milestone.ownerName}
												</span>
											) : null}
										</th>
										<td className="border-b border-line py-2 pr-4">
											<time dateTime={milestone.dueOn}>{formatCivilDate(milestone.dueOn)}</time>
										</td>
										<td className="border-b border-line py-2">
											{milestone.doneOn
												? t('campaign.milestones.doneOn', { date: formatCivilDate(milestone.doneOn) })
												: t('campaign.milestones.open')}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollRegion>
				) : (
					<p>{t('campaign.milestones.none')}</p>
				)}
			</section>

			{campaign.ballot || campaign.kind === 'ballot_initiative' ? (
				<section aria-labelledby="ballot-heading" className="space-y-3" id="ballot">
					<h2 id="ballot-heading" className="text-2xl font-bold">
						{t('campaign.ballot.heading')}
					</h2>
					{campaign.ballot ? <BallotFigures ballot={campaign.ballot} place={campaign.place} /> : <p>{t('campaign.ballot.none')}</p>}
				</section>
			) : null}

			<section aria-labelledby="links-heading" className="space-y-3">
				<h2 id="links-heading" className="text-2xl font-bold">
					{t('campaign.links.heading')}
				</h2>
				{campaign.links.length ? (
					<ul className="space-y-2">
						{campaign.links.map((link) => (
							<li key={`${link.kind}-${link.id}`}>
								<span className="text-sm text-ink-muted">{t(`campaign.links.${link.kind}`)}:</span>{' '}
								<Link to={linkHref(link)}>{linkTitle(link)}</Link>
							</li>
						))}
					</ul>
				) : (
					<p>{t('campaign.links.none')}</p>
				)}
			</section>

			<section aria-labelledby="endorsements-heading" className="space-y-3">
				<h2 id="endorsements-heading" className="text-2xl font-bold">
					{t('campaign.endorsements.heading')}
				</h2>
				{campaign.endorsements.length ? (
					<ul className="space-y-2">
						{campaign.endorsements.map((endorsement) => (
							<li key={endorsement.id}>
								{endorsement.official ? (
									<Link to={`/officials/${endorsement.official.slug}`}>{endorsement.name}</Link>
								) : (
									<strong>{endorsement.name}</strong>
								)}
								{endorsement.official ? ` (${[endorsement.official.title, endorsement.official.body].filter(Boolean).join(', ')})` : ''}
								{' · '}
								{t('campaign.endorsements.on', { date: formatCivilDate(endorsement.endorsedOn) })}
								{' · '}
								<a href={endorsement.sourceUrl} rel="noopener noreferrer nofollow">
									{t('campaign.endorsements.source')}
								</a>
							</li>
						))}
					</ul>
				) : (
					<p>{t('campaign.endorsements.none')}</p>
				)}
			</section>

			<section aria-labelledby="votes-heading" className="space-y-3">
				<h2 id="votes-heading" className="text-2xl font-bold">
					{t('campaign.votes.heading')}
				</h2>
				{campaign.votes.length ? (
					<ScrollRegion label={t('campaign.votes.caption')}>
						<table className="w-full border-collapse text-left">
							<caption className="sr-only">{t('campaign.votes.caption')}</caption>
							<thead>
								<tr>
									<th scope="col" className="border-b border-line py-2 pr-4">
										{t('campaign.votes.official')}
									</th>
									<th scope="col" className="border-b border-line py-2 pr-4">
										{t('campaign.votes.position')}
									</th>
									<th scope="col" className="border-b border-line py-2 pr-4">
										{t('campaign.votes.motion')}
									</th>
									<th scope="col" className="border-b border-line py-2">
										{t('campaign.votes.date')}
									</th>
								</tr>
							</thead>
							<tbody>
								{campaign.votes.map((vote) => (
									<tr key={`${vote.officialSlug}-${vote.heldOn}-${vote.motion}`} className="align-top">
										<th scope="row" className="border-b border-line py-2 pr-4 font-normal">
											<Link to={`/officials/${vote.officialSlug}`}>{vote.officialName}</Link>
										</th>
										<td className="border-b border-line py-2 pr-4 font-semibold">{t(`vote.position.${vote.position}`)}</td>
										<td className="border-b border-line py-2 pr-4">
											{vote.motion} ({vote.proceedingTitle}){' '}
											<a href={vote.sourceUrl} rel="noopener noreferrer nofollow" className="text-sm">
												{t('campaign.votes.source')}
											</a>
										</td>
										<td className="border-b border-line py-2">
											<time dateTime={vote.heldOn}>{formatCivilDate(vote.heldOn)}</time>
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollRegion>
				) : (
					<p>{t('campaign.votes.none')}</p>
				)}
			</section>

			<section aria-labelledby="updates-heading" className="space-y-4">
				<h2 id="updates-heading" className="text-2xl font-bold">
					{t('campaign.updates.heading')}
				</h2>
				{updates.length ? (
					<ol className="space-y-6">
						{updates.map((update) => (
							<li key={update.id} id={`update-${update.id}`} className="space-y-2 border-l-4 border-line pl-4">
								<h3 className="text-lg font-bold">{update.title}</h3>
								<p className="text-sm text-ink-muted">
									{update.authorName
										? t('campaign.updates.by', { date: formatCivilDate(update.createdAt.slice(0, 10)), author: update.authorName })
										: t('campaign.updates.byCoalition', { date: formatCivilDate(update.createdAt.slice(0, 10)) })}
								</p>
								<Markdown tree={update.tree} headingLevel={4} className="max-w-prose space-y-3" />
							</li>
						))}
					</ol>
				) : (
					<p>{t('campaign.updates.none')}</p>
				)}
			</section>
		</article>
	)
}

function FollowForm({ campaign }: { campaign: CampaignPage }) {
	if (!campaign.viewer.signedIn) {
		return (
			<Link to={`/signin?redirectTo=${encodeURIComponent(`/campaigns/${campaign.slug}`)}`} className={buttonClass}>
				{t('campaign.follow.signin')}
			</Link>
		)
	}
	return (
		<Form method="post">
			<button
				type="submit"
				name="intent"
				value={campaign.viewer.following ? pageIntent.unfollow : pageIntent.follow}
				className={buttonClass}
				aria-describedby="follow-hint"
			>
				{campaign.viewer.following ? t('campaign.unfollow') : t('campaign.follow')}
			</button>
			<span id="follow-hint" className="sr-only">
				{t('campaign.follow.hint')}
			</span>
		</Form>
	)
}
