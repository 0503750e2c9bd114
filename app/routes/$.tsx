import { ErrorPage } from '#app/components/error-page'

// Any path no other route claims: answer 404 in the site's look.
export function loader() {
	throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
	return <ErrorPage kind="notFound" />
}
