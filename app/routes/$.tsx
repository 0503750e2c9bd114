import { ErrorPage } from '#app/components/error-page'
import { notFound } from '#app/utils/responses.server'

// Any path no other route claims: answer 404 in the site's look.
export function loader() {
	notFound()
}

export default function NotFound() {
	return <ErrorPage kind="notFound" />
}
