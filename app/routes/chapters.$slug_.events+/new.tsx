import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireChapterOrganizer } from '#app/auth/guards.server'
import { SelectField } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { EventForm, eventLabels } from '#app/events/event-form'
import { createEvent } from '#app/events/events.server'
import { eventSchema, eventTimeZones } from '#app/events/schemas'
import { t } from '#app/i18n/i18n'
import { chooseProject, linkToProject, projectOptions } from '#app/siting/project-links.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: t('eventNew.title', { chapter: data?.chapter.name ?? '' }) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, chapter, timeZone, headers } = await requireChapterOrganizer(request, params)
	// The organizer's own zone when it is one we list; Eastern otherwise.
	const zone = eventTimeZones.find((known) => known === timeZone) ?? 'America/New_York'
	const projects = await projectOptions(caller, [chapter.id])
	return data({ chapter, timeZone: zone, projects: projects.map(({ value, label }) => ({ value, label })) }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { caller, chapter, headers } = await requireChapterOrganizer(request, params)
	const formData = await request.formData()
	const form = parseForm(formData, eventSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const about = chooseProject(await projectOptions(caller, [chapter.id]), formData.get('about'), chapter.id)
	if (!about.ok) return formError({ about: about.message }, { ...form.data, about: String(formData.get('about') ?? '') }, headers)
	const result = await createEvent(caller, chapter.id, form.data)
	if (!result.ok) {
		return formError(
			{ startsAt: result.reason === 'past' ? t('eventForm.startsAt.past') : t('eventForm.startsAt.invalid') },
			{ ...form.data },
			headers,
		)
	}
	if (about.projectId) await linkToProject(caller, 'events', result.eventId, about)
	return redirect(`/chapters/${chapter.slug}/events/${result.eventId}?notice=created`, { headers })
}

export default function NewEvent() {
	const { chapter, timeZone, projects } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="space-y-6">
			<p>
				<Link to={`/chapters/${chapter.slug}`}>← {chapter.name}</Link>
			</p>
			<PageHeading lead={t('eventNew.lead')}>{t('eventNew.heading')}</PageHeading>
			<EventForm
				actionData={actionData}
				defaults={{ kind: 'hearing', timeZone }}
				submitLabel={t('eventNew.submit')}
				extra={({ register, errors }) =>
					projects.length ? (
						<SelectField
							name="about"
							label={eventLabels.about}
							hint={t('about.project.hint')}
							error={errors.about}
							register={register}
							options={[{ value: '', label: t('about.project.none') }, ...projects]}
						/>
					) : null
				}
			/>
		</div>
	)
}
