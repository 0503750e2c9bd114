import { Link } from '@remix-run/react'
import { ButtonLink, PageHeading } from '#app/components/layout'
import type { PlaceOption } from '#app/components/place-choices'
import { formatDate, formatDateTime, formatEventTime, formatRelative, t } from '#app/i18n/i18n'
import { PetitionCard } from '#app/petitions/components'
import type { MemberHome, MyChapter, UpcomingItem } from './home.server'
import { NearYou, type NearYouData } from './near-you'

export type MemberHomeData = {
	home: MemberHome
	near: NearYouData | null
	query: string
	error: string | null
	choices: PlaceOption[]
	fromProfile: boolean
	now: Date | string
}

export function MemberHomePage({ home, near, query, error, choices, fromProfile, now }: MemberHomeData) {
	return (
		<div className="space-y-12">
			<PageHeading lead={t('myHome.lead')}>
				{home.displayName ? t('myHome.greeting', { name: home.displayName }) : t('myHome.heading')}
			</PageHeading>

			<section aria-labelledby="upcoming-heading" className="space-y-4">
				<h2 id="upcoming-heading" className="text-2xl font-bold">
					{t('myHome.upcoming.heading')}
				</h2>
				<p className="max-w-prose text-ink-muted">{t('myHome.upcoming.lead')}</p>
				{home.upcoming.length === 0 ? (
					<div className="max-w-prose space-y-2">
						<p>{t('myHome.upcoming.empty')}</p>
						<p>
							<Link to="/projects">{t('myHome.upcoming.findProjects')}</Link>
						</p>
					</div>
				) : (
					<ol className="space-y-3">
						{home.upcoming.map((item) => (
							<li key={item.key}>
								<UpcomingRow item={item} now={now} />
							</li>
						))}
					</ol>
				)}
			</section>

			<section aria-labelledby="my-chapters-heading" className="space-y-4">
				<h2 id="my-chapters-heading" className="text-2xl font-bold">
					{t('myHome.chapters.heading')}
				</h2>
				{home.chapters.length === 0 ? (
					<p>
						{t('myHome.chapters.empty')} <Link to="/chapters">{t('myHome.chapters.find')}</Link>
					</p>
				) : (
					<ul className="grid gap-4 sm:grid-cols-2">
						{home.chapters.map((chapter) => (
							<li key={chapter.slug}>
								<ChapterRow chapter={chapter} />
							</li>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="signed-heading" className="space-y-4">
				<h2 id="signed-heading" className="text-2xl font-bold">
					{t('myHome.signed.heading')}
				</h2>
				{home.signed.length === 0 ? (
					<p>
						{t('myHome.signed.empty')} <Link to="/petitions">{t('myHome.signed.browse')}</Link>
					</p>
				) : (
					<ul className="space-y-2">
						{home.signed.map((signature) => (
							<li key={signature.petitionSlug} className="rounded-lg border border-line bg-paper-raised p-4 break-words">
								<Link to={`/petitions/${signature.petitionSlug}`} className="font-semibold">
									{signature.petitionTitle}
								</Link>
								<p className="text-sm">
									{t(`myHome.signed.status.${signature.status === 'invalidated' ? 'suspected' : signature.status}`)} ·{' '}
									{t(`petitions.status.${signature.petitionStatus}`)} ·{' '}
									{t('myHome.signed.on', { date: formatDate(signature.signedAt, 'en', home.timeZone) })}
								</p>
							</li>
						))}
					</ul>
				)}
			</section>

			{home.organizing.chapters.length > 0 || home.organizing.petitions.length > 0 ? (
				<section aria-labelledby="organizing-heading" className="space-y-4">
					<h2 id="organizing-heading" className="text-2xl font-bold">
						{t('myHome.organizing.heading')}
					</h2>
					<h3 className="text-lg font-semibold">{t('myHome.organizing.chapters')}</h3>
					<ul className="flex flex-wrap gap-x-6 gap-y-2">
						{home.organizing.chapters.map((chapter) => (
							<li key={chapter.slug}>
								<Link to={`/chapters/${chapter.slug}`}>{chapter.name}</Link>
							</li>
						))}
					</ul>
					<h3 className="text-lg font-semibold">{t('myHome.organizing.petitions')}</h3>
					{home.organizing.petitions.length === 0 ? (
						<p>{t('myHome.organizing.noPetitions')}</p>
					) : (
						<ul className="grid gap-4 sm:grid-cols-2">
							{home.organizing.petitions.map((petition) => (
								<li key={petition.slug}>
									<PetitionCard petition={petition} now={new Date(now).toISOString()} />
								</li>
							))}
						</ul>
					)}
					{home.organizing.chapters.length > 0 ? <ButtonLink to="/petitions/new">{t('myHome.organizing.startPetition')}</ButtonLink> : null}
				</section>
			) : null}

			<NearYou query={query} near={near} error={error} choices={choices} fromProfile={fromProfile} signedIn now={now} />

			<section aria-labelledby="settings-heading" className="space-y-3">
				<h2 id="settings-heading" className="text-2xl font-bold">
					{t('myHome.settings.heading')}
				</h2>
				<ul className="space-y-2">
					<li>
						<Link to="/account/emails">{t('myHome.settings.emails')}</Link>
					</li>
					<li>
						<Link to="/account">{t('myHome.settings.account')}</Link>
					</li>
					<li>
						<Link to="/account/calendar">{t('myHome.settings.calendar')}</Link>
					</li>
				</ul>
			</section>
		</div>
	)
}

function UpcomingRow({ item, now }: { item: UpcomingItem; now: Date | string }) {
	const when = item.endsAt
		? formatEventTime(item.at, item.endsAt, item.timeZone)
		: item.allDay
			? formatDate(item.at, 'en', item.timeZone)
			: formatDateTime(item.at, item.timeZone)
	return (
		<article className="flex flex-col gap-1 rounded-lg border border-line bg-paper-raised p-4 break-words">
			<p className="text-sm font-semibold text-ink-muted">
				{t(`myHome.upcoming.kind.${item.kind}`)}
				{item.answer ? ` · ${t(`myHome.upcoming.${item.answer}`)}` : ''}
			</p>
			<h3 className="text-lg leading-snug font-semibold">
				<Link to={item.href}>{item.title}</Link>
			</h3>
			<p>
				<time dateTime={item.at.toISOString()}>{when}</time> <span className="text-ink-muted">({formatRelative(item.at, now)})</span>
			</p>
			<p className="text-ink-muted">{item.context}</p>
		</article>
	)
}

function ChapterRow({ chapter }: { chapter: MyChapter }) {
	return (
		<article className="h-full space-y-1 rounded-lg border border-line bg-paper-raised p-4 break-words">
			<h3 className="text-lg font-semibold">
				<Link to={`/chapters/${chapter.slug}`}>{chapter.name}</Link>
			</h3>
			{chapter.status === 'pending' ? (
				<p className="text-sm">{t('myHome.chapters.pending')}</p>
			) : chapter.role === 'organizer' ? (
				<p className="text-sm font-semibold text-ink-muted">{t('myHome.chapters.organizer')}</p>
			) : null}
			{chapter.latestUpdate ? (
				<p>
					<Link to={`/chapters/${chapter.slug}/updates/${chapter.latestUpdate.id}`}>
						{t('myHome.chapters.latest', { title: chapter.latestUpdate.title })}
					</Link>{' '}
					<span className="text-sm text-ink-muted">{formatDate(chapter.latestUpdate.createdAt)}</span>
				</p>
			) : chapter.status === 'active' ? (
				<p className="text-sm text-ink-muted">{t('myHome.chapters.noUpdates')}</p>
			) : null}
		</article>
	)
}
