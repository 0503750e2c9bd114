import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getChapter } from '#app/chapters/chapters.server'
import { anon } from '#app/db/db.server'
import { formatDate, t } from '#app/i18n/i18n'

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

export async function loader({ params }: LoaderFunctionArgs) {
	const slug = params.slug ?? ''
	if (!SLUG.test(slug) || slug.length > 80) throw new Response('Not found', { status: 404 })
	const chapter = await getChapter(anon, slug)
	if (!chapter) throw new Response('Not found', { status: 404 })
	return { chapter }
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data
		? [
				{ title: `${data.chapter.name} — Groundwork` },
				{ name: 'description', content: data.chapter.description.slice(0, 200) },
			]
		: []

export default function Chapter() {
	const { chapter } = useLoaderData<typeof loader>()
	return (
		<article className="space-y-8">
			<p>
				<Link to="/chapters">← {t('chapter.back')}</Link>
			</p>
			<header className="space-y-2">
				<h1 className="text-3xl font-bold leading-tight sm:text-4xl">{chapter.name}</h1>
				<p className="text-lg text-ink-muted">
					{chapter.place} · {t('chapters.members', { count: chapter.memberCount })}
					{chapter.visibility === 'private' ? ` · ${t('chapters.private')}` : ''}
				</p>
				{chapter.visibility === 'private' ? <p className="text-sm">{t('chapters.privateHint')}</p> : null}
			</header>

			<section aria-labelledby="about-heading" className="space-y-3">
				<h2 id="about-heading" className="text-2xl font-bold">
					{t('chapter.about')}
				</h2>
				{chapter.description ? (
					chapter.description.split(/\n{2,}/).map((paragraph, index) => (
						<p key={index} className="max-w-prose whitespace-pre-line">
							{paragraph}
						</p>
					))
				) : (
					<p>{t('chapter.descriptionEmpty')}</p>
				)}
				<p className="text-sm text-ink-muted">{t('chapter.started', { date: formatDate(chapter.createdAt) })}</p>
			</section>

			<section aria-labelledby="organizers-heading" className="space-y-3">
				<h2 id="organizers-heading" className="text-2xl font-bold">
					{t('chapter.organizers')}
				</h2>
				{chapter.organizers.length === 0 ? (
					<p>{t('chapter.organizersNone')}</p>
				) : (
					<ul className="list-disc space-y-1 pl-6">
						{chapter.organizers.map((organizer) => (
							<li key={organizer.id}>{organizer.displayName}</li>
						))}
					</ul>
				)}
			</section>
		</article>
	)
}
