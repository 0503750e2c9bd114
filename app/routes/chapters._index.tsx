import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { listChapters } from '#app/chapters/chapters.server'
import { ChapterCard } from '#app/components/chapter-card'
import { PageHeading } from '#app/components/layout'
import { anon } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'

export const meta: MetaFunction = () => [{ title: t('chapters.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const query = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 100)
	const chapters = await listChapters(anon, { query })
	return { query, chapters }
}

export default function Chapters() {
	const { query, chapters } = useLoaderData<typeof loader>()
	return (
		<div>
			<PageHeading lead={t('chapters.lead')}>{t('chapters.heading')}</PageHeading>
			<Form method="get" role="search" className="mb-8 max-w-xl space-y-1">
				<label htmlFor="chapter-search" className="block font-semibold">
					{t('chapters.search.label')}
				</label>
				<p id="chapter-search-hint" className="text-sm text-ink-muted">
					{t('chapters.search.hint')}
				</p>
				<div className="flex gap-2">
					<input
						id="chapter-search"
						name="q"
						type="search"
						defaultValue={query}
						aria-describedby="chapter-search-hint"
						maxLength={100}
						className="min-h-11 w-full rounded-md border border-ink-muted bg-paper-raised px-3"
					/>
					<button
						type="submit"
						className="min-h-11 rounded-md bg-action px-4 font-semibold text-white hover:bg-action-hover"
					>
						{t('chapters.search.submit')}
					</button>
				</div>
				{query ? (
					<p className="pt-1">
						<Link to="/chapters">{t('chapters.search.clear')}</Link>
					</p>
				) : null}
			</Form>
			<p aria-live="polite" className="mb-4 font-medium">
				{query
					? t('chapters.resultsFor', { count: chapters.length, query })
					: t('chapters.results', { count: chapters.length })}
			</p>
			{chapters.length === 0 ? (
				<p>{query ? t('chapters.emptySearch', { query }) : t('chapters.empty')}</p>
			) : (
				<ul className="grid gap-4 sm:grid-cols-2">
					{chapters.map((chapter) => (
						<li key={chapter.id}>
							<ChapterCard chapter={chapter} />
						</li>
					))}
				</ul>
			)}
		</div>
	)
}
