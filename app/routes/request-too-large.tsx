import { redirectDocument } from '@remix-run/node'
import { ErrorPage } from '#app/components/error-page'
import { TOO_LARGE_PATH } from '#app/http/node-handler.server'
import { invariantResponse } from '#app/utils/responses.server'

// What a refused request body is answered with (app/http/node-handler.server.ts
// renders this route in place of the one the body was sent to): 413 in the site's look.
export function loader() {
	invariantResponse(false, 'Request too large', { status: 413 })
}

// A refused JavaScript submission (a single-fetch POST) gets this action's
// answer instead, which the browser follows by loading the page above as a document.
export function action() {
	return redirectDocument(TOO_LARGE_PATH)
}

export default function RequestTooLarge() {
	return <ErrorPage kind="tooLarge" />
}
