import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { requireUser } from '#app/auth/guards.server'
import { ButtonLink, PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { formatCount, StatusBadge } from '#app/petitions/components'
import { listManagedPetitions, organizedChapters } from '#app/petitions/petitions.server'

export const meta: MetaFunction = () => [{ title: t('petitions.mine.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { user, caller, headers } = await requireUser(request)
	const [petitions, chapters] = await Promise.all([listManagedPetitions(caller), organizedChapters(caller, user.id)])
	return data({ petitions, canStart: chapters.length > 0 }, { headers })
}

export default function MyPetitions() {
	const { petitions, canStart } = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	return (
		<div className="space-y-6">
			<PageHeading lead={t('petitions.mine.lead')}>{t('petitions.mine.heading')}</PageHeading>
			{params.get('deleted') ? (
				<p role="status" className="rounded-md border-2 border-action bg-action-soft p-4 font-semibold">
					{t('petitions.mine.deleted')}
				</p>
			) : null}
			{canStart ? <ButtonLink to="/petitions/new">{t('petitions.list.start')}</ButtonLink> : null}
			{petitions.length === 0 ? (
				<div className="max-w-prose space-y-3">
					<p>{canStart ? t('petitions.mine.emptyOrganizer') : t('petitions.mine.empty')}</p>
					{!canStart ? (
						<p>
							<Link to="/chapters">{t('petitions.new.findChapter')}</Link>
						</p>
					) : null}
				</div>
			) : (
				<ul className="space-y-4">
					{petitions.map((petition) => (
						<li key={petition.slug} className="rounded-lg border border-line bg-paper-raised p-4">
							<div className="flex flex-wrap items-center gap-2">
								<StatusBadge status={petition.status} open={petition.open} />
								{petition.chapterName ? <span className="text-sm text-ink-muted">{petition.chapterName}</span> : null}
							</div>
							<h2 className="mt-2 text-lg font-semibold">
								<Link to={`/petitions/${petition.slug}/manage`}>{petition.title}</Link>
							</h2>
							<p className="text-sm">{t('petitions.progress.short', { count: petition.count, goal: formatCount(petition.goal) })}</p>
						</li>
					))}
				</ul>
			)}
		</div>
	)
}
