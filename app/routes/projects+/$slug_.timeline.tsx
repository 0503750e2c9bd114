import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { callerFor, requireUser } from '#app/auth/guards.server'
import { ErrorSummary, SubmitButton, TextAreaField, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { formatCivilDate } from '#app/siting/clock-format'
import { timelineEntrySchema } from '#app/siting/edit-schemas'
import { saveTimelineEntry, timelineForEdit } from '#app/siting/timeline.server'
import { formError, keepTyped, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { notFound } from '#app/utils/responses.server'

// Add to a project's timeline or correct an entry (docs/decisions/063): an
// editor's change applies at once, anyone else's waits for review.

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

function projectSlug(params: { slug?: string }) {
	const slug = params.slug ?? ''
	if (!SLUG.test(slug) || slug.length > 80) throw new Response('Not found', { status: 404 })
	return slug
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: t('timeline.title', { name: data.project.name }) }] : [])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = projectSlug(params)
	const { user, headers } = await requireUser(request)
	const found = await timelineForEdit(callerFor(user), slug)
	if (!found) notFound(headers)
	return data(found, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const slug = projectSlug(params)
	const { user, headers } = await requireUser(request)
	const formData = await request.formData()
	const form = parseForm(formData, timelineEntrySchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const result = await saveTimelineEntry(callerFor(user), slug, form.data)
	if (!result.ok) {
		if ('notFound' in result) notFound(headers)
		const typed = keepTyped(Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string')))
		return formError('errors' in result ? result.errors : {}, typed, headers)
	}
	return redirect(result.applied ? `/projects/${slug}/timeline?notice=applied` : `/projects/${slug}/changes?notice=proposed`, { headers })
}

function EntryForm({ entryId, defaults, submitLabel }: { entryId: string; defaults: Record<string, string>; submitLabel: string }) {
	const actionData = useActionData<typeof action>()
	const mine = (actionData?.values?.entryId ?? '') === entryId ? actionData : undefined
	const { register, errors, onSubmit } = useValidatedForm(timelineEntrySchema, mine, { ...defaults, entryId })
	const id = (name: string) => `${name}-${entryId || 'new'}`
	const labels = {
		occurredOn: t('timeline.field.occurredOn'),
		title: t('timeline.field.title'),
		sourceUrl: t('timeline.field.sourceUrl'),
		note: t('timeline.field.note'),
	}
	return (
		<Form method="post" noValidate onSubmit={onSubmit} className="space-y-3">
			<ErrorSummary errors={errors} labels={labels} />
			<input type="hidden" name="entryId" value={entryId} />
			<TextField
				name="occurredOn"
				id={id('occurredOn')}
				label={labels.occurredOn}
				hint={t('timeline.field.occurredOn.hint')}
				error={errors.occurredOn}
				register={register}
			/>
			<TextField name="title" id={id('title')} label={labels.title} error={errors.title} register={register} />
			<TextField
				name="sourceUrl"
				id={id('sourceUrl')}
				label={labels.sourceUrl}
				hint={t('timeline.field.sourceUrl.hint')}
				type="url"
				inputMode="url"
				error={errors.sourceUrl}
				register={register}
			/>
			<TextAreaField name="note" id={id('note')} label={labels.note} rows={2} error={errors.note} register={register} />
			<SubmitButton>{submitLabel}</SubmitButton>
		</Form>
	)
}

export default function ProjectTimeline() {
	const { project, entries, editor } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	return (
		<div className="space-y-8">
			<p>
				<Link to={`/projects/${project.slug}`}>← {t('timeline.back')}</Link>
			</p>
			<PageHeading lead={t('timeline.lead')}>{t('timeline.heading', { name: project.name })}</PageHeading>
			{params.get('notice') === 'applied' ? (
				<p role="status" className="rounded-md bg-action-soft p-3 font-semibold">
					{t('timeline.notice.applied')}
				</p>
			) : null}
			<section aria-labelledby="timeline-add" className="max-w-xl space-y-3">
				<h2 id="timeline-add" className="text-xl font-bold">
					{t('timeline.add.heading')}
				</h2>
				<EntryForm entryId="" defaults={{}} submitLabel={editor ? t('timeline.add.submit') : t('timeline.propose.submit')} />
			</section>
			{entries.length === 0 ? <p>{t('timeline.none')}</p> : null}
			<ol className="space-y-6">
				{entries.map((entry) => (
					<li key={entry.id} className="max-w-xl space-y-3 rounded-md border border-line p-3">
						<p className="font-semibold break-words">
							{formatCivilDate(entry.occurredOn)}: {entry.title}
						</p>
						<p className="text-sm break-words text-ink-muted">
							{entry.sourceUrl ? (
								<a href={entry.sourceUrl} rel="noopener noreferrer nofollow">
									{t('timeline.entry.source')}
								</a>
							) : (
								t('timeline.entry.noSource')
							)}
						</p>
						<details open={actionData?.values?.entryId === entry.id || undefined}>
							<summary className="min-h-11 cursor-pointer font-semibold text-action">{t('timeline.edit.heading')}</summary>
							<EntryForm
								entryId={entry.id}
								defaults={{ occurredOn: entry.occurredOn, title: entry.title, sourceUrl: entry.sourceUrl }}
								submitLabel={editor ? t('timeline.edit.submit') : t('timeline.proposeEdit.submit')}
							/>
						</details>
					</li>
				))}
			</ol>
		</div>
	)
}
