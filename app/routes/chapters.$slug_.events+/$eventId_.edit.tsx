import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireChapterOrganizer } from '#app/auth/guards.server'
import { Notice } from '#app/components/choice-field'
import { PageHeading } from '#app/components/layout'
import { asCaller } from '#app/db/db.server'
import { EventForm } from '#app/events/event-form'
import { eventFormValues } from '#app/events/event-form.server'
import { editEvent, findEvent, isUuid } from '#app/events/events.server'
import { eventSchema } from '#app/events/schemas'
import { t } from '#app/i18n/i18n'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { notFound } from '#app/utils/responses.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: t('eventEdit.title', { event: data?.event.title ?? '' }) }]

/** The organizer's view of one of their chapter's events, or a 404 for anyone else. */
async function organizersEvent(request: Request, params: { slug?: string; eventId?: string }) {
	const eventId = params.eventId
	if (!isUuid(eventId)) notFound()
	const found = await requireChapterOrganizer(request, params)
	const event = await asCaller(found.caller, (trx) => findEvent(trx, found.chapter.id, eventId))
	if (!event) notFound(found.headers)
	const closed = event.status === 'cancelled' ? 'cancelled' : event.endsAt.getTime() <= Date.now() ? 'over' : null
	return { ...found, event, closed }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { chapter, event, closed, headers } = await organizersEvent(request, params)
	return data(
		{
			chapter: { slug: chapter.slug, name: chapter.name },
			event: { id: event.id, title: event.title, told: event.goingCount + event.waitlistCount },
			values: eventFormValues(event),
			closed,
		},
		{ headers },
	)
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { caller, chapter, event, headers } = await organizersEvent(request, params)
	const form = parseForm(await request.formData(), eventSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const result = await editEvent(caller, chapter.id, event.id, form.data)
	const here = `/chapters/${chapter.slug}/events/${event.id}`
	if (result.ok) {
		const notice = result.notified && result.attendees > 0 ? `editedNotified&count=${result.attendees}` : 'edited'
		return redirect(`${here}?notice=${notice}`, { headers })
	}
	if (!('field' in result)) {
		if (result.reason === 'not_found') notFound(headers)
		return formError(
			{ form: t(result.reason === 'cancelled' ? 'eventEdit.closed.cancelled' : 'eventEdit.closed.over') },
			{ ...form.data },
			headers,
		)
	}
	const message =
		result.field === 'capacity'
			? t('eventEdit.capacity.belowGoing', { going: result.going })
			: t(result.reason === 'past' ? 'eventForm.startsAt.past' : 'eventForm.startsAt.invalid')
	return formError({ [result.field]: message }, { ...form.data }, headers)
}

export default function EditEvent() {
	const { chapter, event, values, closed } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const here = `/chapters/${chapter.slug}/events/${event.id}`
	const problem = actionData?.errors.form
	return (
		<div className="space-y-6">
			<p>
				<Link to={here} className="break-words">
					← {event.title}
				</Link>
			</p>
			<PageHeading lead={t('eventEdit.lead')}>{t('eventEdit.heading')}</PageHeading>
			{closed ? (
				<Notice tone="problem">{t(closed === 'cancelled' ? 'eventEdit.closed.cancelled' : 'eventEdit.closed.over')}</Notice>
			) : (
				<>
					{problem ? <Notice tone="problem">{problem}</Notice> : null}
					<p>{t('eventEdit.whoIsTold', { count: event.told })}</p>
					<EventForm actionData={actionData} defaults={values} submitLabel={t('eventEdit.submit')} />
				</>
			)}
		</div>
	)
}
