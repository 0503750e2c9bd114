import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { optionalChapterVisitor } from '#app/auth/guards.server'
import { isOrganizer } from '#app/chapters/members.server'
import { chapterSlug } from '#app/chapters/page.server'
import { getUpdate } from '#app/chapters/updates.server'
import { Notice } from '#app/components/choice-field'
import { ButtonLink } from '#app/components/layout'
import { isUuid } from '#app/events/events.server'
import { formatDate, t } from '#app/i18n/i18n'
import { Markdown, plainText } from '#app/markdown/markdown'
import { markdownTree } from '#app/markdown/markdown.server'
import { notFound } from '#app/utils/responses.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
	chapterSlug(params)
	const updateId = params.updateId
	if (!isUuid(updateId)) notFound()
	const { caller, chapter, membership, timeZone, headers } = await optionalChapterVisitor(request, params)
	const update = await getUpdate(caller, chapter.id, updateId)
	if (!update) notFound(headers)
	return data(
		{
			chapter,
			update,
			tree: markdownTree(update.body),
			organizer: isOrganizer(membership),
			member: membership?.status === 'active',
			timeZone: timeZone ?? 'America/New_York',
		},
		{ headers },
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: `${data.update.title} — ${data.chapter.name}` }, { name: 'description', content: plainText(data.update.body, 200) }] : []

export default function ChapterUpdatePage() {
	const { chapter, update, tree, organizer, member, timeZone } = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	return (
		<article className="space-y-6">
			<p>
				<Link to={`/chapters/${chapter.slug}`}>← {chapter.name}</Link>
			</p>
			{params.get('notice') === 'posted' ? <Notice>{t('updatePage.posted')}</Notice> : null}
			<header className="space-y-2">
				<p className="text-sm font-semibold text-ink-muted">{t('updatePage.kicker', { chapter: chapter.name })}</p>
				<h1 className="text-3xl leading-tight font-bold sm:text-4xl">{update.title}</h1>
				<p className="text-ink-muted">
					{t('chapter.updates.byline', {
						author: update.authorName || t('chapter.anOrganizer'),
						date: formatDate(update.createdAt, 'en', timeZone),
					})}
				</p>
			</header>
			<Markdown tree={tree} headingLevel={3} className="max-w-prose space-y-4 text-lg" />
			{member ? null : (
				<div className="space-y-2 rounded-lg border border-line bg-paper-raised p-4">
					<p>{t('updatePage.join')}</p>
					<ButtonLink to={`/chapters/${chapter.slug}`}>{t('updatePage.joinButton')}</ButtonLink>
				</div>
			)}
			{organizer ? (
				<p>
					<Link to={`/chapters/${chapter.slug}/updates/new`}>{t('chapter.updates.write')}</Link>
				</p>
			) : null}
		</article>
	)
}
