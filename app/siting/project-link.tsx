import { Link } from '@remix-run/react'
import { t } from '#app/i18n/i18n'

/** "About: <project>" on a petition or event page, to the proceeding it is tied to where there is one. */
export function AboutProject({
	about,
}: {
	about: { slug: string; name: string; proceeding: { slug: string; title: string } | null } | null
}) {
	if (!about) return null
	const name = about.proceeding ? t('about.proceeding.option', { project: about.name, proceeding: about.proceeding.title }) : about.name
	return (
		<p>
			<Link to={`/projects/${about.slug}${about.proceeding ? `#proceeding-${about.proceeding.slug}` : ''}`} className="font-semibold">
				{t('about.project.link', { name })}
			</Link>
		</p>
	)
}
