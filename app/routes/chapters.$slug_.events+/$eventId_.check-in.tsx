import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireChapterOrganizer } from '#app/auth/guards.server'
import { chapterSlug } from '#app/chapters/page.server'
import { asCaller } from '#app/db/db.server'
import { checkInList, findEvent, isUuid } from '#app/events/events.server'
import { formatEventTime, t } from '#app/i18n/i18n'
import { notFound } from '#app/utils/responses.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: t('checkIn.title', { event: data?.event.title ?? '' }) }]

/** For organizers at the door: a list to print and tick, names only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	chapterSlug(params)
	const eventId = params.eventId
	if (!isUuid(eventId)) notFound()
	const { caller, chapter, headers } = await requireChapterOrganizer(request, params)
	const event = await asCaller(caller, (trx) => findEvent(trx, chapter.id, eventId))
	if (!event) notFound(headers)
	const people = await checkInList(caller, event.id)
	return data({ chapter: { slug: chapter.slug, name: chapter.name }, event, people }, { headers })
}

export default function CheckIn() {
	const { chapter, event, people } = useLoaderData<typeof loader>()
	const going = people.filter((person) => person.status === 'going')
	const waitlisted = people.filter((person) => person.status === 'waitlisted')
	return (
		<div className="space-y-6">
			<p className="print:hidden">
				<Link to={`/chapters/${chapter.slug}/events/${event.id}`}>← {event.title}</Link>
			</p>
			<header className="space-y-1">
				<p className="text-sm font-semibold text-ink-muted">{chapter.name}</p>
				<h1 className="text-2xl font-bold sm:text-3xl">{t('checkIn.heading', { event: event.title })}</h1>
				<p>{formatEventTime(event.startsAt, event.endsAt, event.timeZone)}</p>
				<p className="print:hidden">{t('checkIn.hint')}</p>
			</header>
			<CheckInTable caption={t('checkIn.going', { count: going.length })} people={going} />
			{waitlisted.length > 0 ? <CheckInTable caption={t('checkIn.waitlist', { count: waitlisted.length })} people={waitlisted} /> : null}
			<p className="text-sm text-ink-muted">{t('checkIn.walkIns')}</p>
		</div>
	)
}

function CheckInTable({ caption, people }: { caption: string; people: Array<{ name: string; guest: boolean; position: number }> }) {
	return (
		<table className="w-full border-collapse text-left">
			<caption className="mb-2 text-left text-lg font-semibold">{caption}</caption>
			<thead>
				<tr className="border-b-2 border-ink">
					<th scope="col" className="w-12 py-2">
						{t('checkIn.number')}
					</th>
					<th scope="col" className="py-2">
						{t('checkIn.name')}
					</th>
					<th scope="col" className="w-28 py-2">
						{t('checkIn.here')}
					</th>
				</tr>
			</thead>
			<tbody>
				{people.length === 0 ? (
					<tr>
						<td colSpan={3} className="py-3">
							{t('checkIn.empty')}
						</td>
					</tr>
				) : (
					people.map((person) => (
						<tr key={`${person.position}-${person.name}`} className="border-b border-line">
							<td className="py-3">{person.position}</td>
							<td className="py-3">
								{person.name}
								{person.guest ? <span className="text-sm text-ink-muted"> ({t('checkIn.guest')})</span> : null}
							</td>
							<td className="py-3">
								<span aria-hidden="true" className="inline-block h-6 w-6 border-2 border-ink" />
							</td>
						</tr>
					))
				)}
			</tbody>
		</table>
	)
}
