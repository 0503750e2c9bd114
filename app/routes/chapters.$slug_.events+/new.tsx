import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireChapterOrganizer } from '#app/auth/guards.server'
import { ChoiceField } from '#app/components/choice-field'
import { ErrorSummary, FormCard, SelectField, SubmitButton, TextAreaField, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { createEvent } from '#app/events/events.server'
import { eventKinds, eventSchema, eventTimeZones } from '#app/events/schemas'
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

const eventLabels = {
	kind: t('eventForm.kind'),
	title: t('eventForm.title'),
	description: t('eventForm.description'),
	startsAt: t('eventForm.startsAt'),
	endsAt: t('eventForm.endsAt'),
	timeZone: t('eventForm.timeZone'),
	locationName: t('eventForm.locationName'),
	address: t('eventForm.address'),
	onlineUrl: t('eventForm.onlineUrl'),
	capacity: t('eventForm.capacity'),
	about: t('about.project.label'),
}

export default function NewEvent() {
	const { chapter, timeZone, projects } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { register, errors, onSubmit } = useValidatedForm(eventSchema, actionData, { kind: 'hearing', timeZone })
	return (
		<div className="space-y-6">
			<p>
				<Link to={`/chapters/${chapter.slug}`}>← {chapter.name}</Link>
			</p>
			<PageHeading lead={t('eventNew.lead')}>{t('eventNew.heading')}</PageHeading>
			<ErrorSummary errors={errors} labels={eventLabels} />
			<FormCard onSubmit={onSubmit} className="max-w-xl space-y-6">
				<ChoiceField
					name="kind"
					legend={eventLabels.kind}
					error={errors.kind}
					register={register}
					options={eventKinds.map((kind) => ({ value: kind, label: t(`events.kind.${kind}`), hint: t(`events.kind.${kind}.hint`) }))}
				/>
				<TextField
					name="title"
					label={eventLabels.title}
					hint={t('eventForm.title.hint')}
					error={errors.title}
					register={register}
					maxLength={150}
				/>
				<TextField
					name="startsAt"
					type="datetime-local"
					label={eventLabels.startsAt}
					hint={t('eventForm.startsAt.hint')}
					error={errors.startsAt}
					register={register}
				/>
				<TextField name="endsAt" type="datetime-local" label={eventLabels.endsAt} error={errors.endsAt} register={register} />
				<SelectField
					name="timeZone"
					label={eventLabels.timeZone}
					hint={t('eventForm.timeZone.hint')}
					error={errors.timeZone}
					register={register}
					options={eventTimeZones.map((zone) => ({ value: zone, label: t(`timeZone.${zone}`) }))}
				/>
				<TextField
					name="locationName"
					label={eventLabels.locationName}
					hint={t('eventForm.locationName.hint')}
					error={errors.locationName}
					register={register}
					maxLength={200}
				/>
				<TextField
					name="address"
					label={eventLabels.address}
					hint={t('eventForm.address.hint')}
					error={errors.address}
					register={register}
					maxLength={300}
					autoComplete="off"
				/>
				<TextField
					name="onlineUrl"
					type="url"
					label={eventLabels.onlineUrl}
					hint={t('eventForm.onlineUrl.hint')}
					error={errors.onlineUrl}
					register={register}
					maxLength={500}
					inputMode="url"
				/>
				<TextField
					name="capacity"
					label={eventLabels.capacity}
					hint={t('eventForm.capacity.hint')}
					error={errors.capacity}
					register={register}
					inputMode="numeric"
					maxLength={6}
				/>
				<TextAreaField
					name="description"
					label={eventLabels.description}
					hint={t('eventForm.description.hint')}
					error={errors.description}
					register={register}
					rows={8}
					maxLength={10000}
				/>
				{projects.length ? (
					<SelectField
						name="about"
						label={eventLabels.about}
						hint={t('about.project.hint')}
						error={errors.about}
						register={register}
						options={[{ value: '', label: t('about.project.none') }, ...projects]}
					/>
				) : null}
				<SubmitButton>{t('eventNew.submit')}</SubmitButton>
			</FormCard>
		</div>
	)
}
