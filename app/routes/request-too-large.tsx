import { ErrorPage } from '#app/components/error-page'

// What a refused request body is answered with (app/http/node-handler.server.ts
// renders this route in place of the one the body was sent to): 413 in the site's look.
export function loader() {
	throw new Response('Request too large', { status: 413 })
}

export default function RequestTooLarge() {
	return <ErrorPage kind="tooLarge" />
}
