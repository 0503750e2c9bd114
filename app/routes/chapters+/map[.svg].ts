import type { LoaderFunctionArgs } from '@remix-run/node'
import { listChapterPoints } from '#app/chapters/chapters.server'
import { chapterMapSvg } from '#app/chapters/map.server'
import { anon } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'

/** The chapter map as an image: the same for everyone, so caches may keep it a few minutes. */
export async function loader(_: LoaderFunctionArgs) {
	const points = await listChapterPoints(anon)
	const states = new Set(points.flatMap((point) => (point.state ? [point.state.fips] : [])))
	const svg = chapterMapSvg(points, { title: t('chapters.map.heading'), description: t('chapters.map.alt', { count: states.size }) })
	return new Response(svg, {
		headers: {
			'Content-Type': 'image/svg+xml; charset=utf-8',
			'Cache-Control': 'public, max-age=300',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
