import type { LoaderFunctionArgs } from '@remix-run/node'
import { feedCalendar } from '#app/siting/feeds.server'

/** A person's calendar feed, fetched by their calendar app with no session: the secret in the address says whose. */
export async function loader({ params }: LoaderFunctionArgs) {
	const file = params.token ?? ''
	if (!file.endsWith('.ics')) throw new Response('Not found', { status: 404 })
	const body = await feedCalendar(file.slice(0, -'.ics'.length))
	if (body === null) throw new Response('Not found', { status: 404 })
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			// Personal: never kept by a shared cache, and no search engine should list it.
			'Cache-Control': 'private, max-age=300',
			'X-Robots-Tag': 'noindex',
			'Referrer-Policy': 'no-referrer',
		},
	})
}
