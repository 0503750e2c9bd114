import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireChapterOrganizer } from '#app/auth/guards.server'
import { replyAddressFor } from '#app/chapters/contact.server'
import { updateSchema } from '#app/chapters/schemas'
import { postUpdate, subscriptionCounts } from '#app/chapters/updates.server'
import { ErrorSummary, SubmitButton, TextAreaField, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { ReplyToNote } from '#app/components/reply-to-note'
import { t } from '#app/i18n/i18n'
import { Markdown } from '#app/markdown/markdown'
import { markdownTree } from '#app/markdown/markdown.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: t('updateNew.title', { chapter: data?.chapter.name ?? '' }) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, chapter, headers } = await requireChapterOrganizer(request, params)
	const [counts, replyTo] = await Promise.all([subscriptionCounts(caller, chapter.id), replyAddressFor(caller, chapter.id)])
	return data({ chapter, counts, replyTo }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { caller, chapter, headers } = await requireChapterOrganizer(request, params)
	const formData = await request.formData()
	const form = parseForm(formData, updateSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	if (formData.get('intent') === 'preview') {
		return data({ preview: markdownTree(form.data.body), values: form.data }, { headers })
	}
	const id = await postUpdate(caller, chapter.id, form.data)
	return redirect(`/chapters/${chapter.slug}/updates/${id}?notice=posted`, { headers })
}

const labels = { title: t('updateForm.title'), body: t('updateForm.body') }

export default function NewUpdate() {
	const { chapter, counts, replyTo } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const failure = actionData && 'errors' in actionData ? actionData : undefined
	const values = actionData && 'preview' in actionData ? actionData.values : undefined
	const { register, errors } = useValidatedForm(updateSchema, failure ?? (values ? { values } : undefined))
	return (
		<div className="space-y-6">
			<p>
				<Link to={`/chapters/${chapter.slug}`}>← {chapter.name}</Link>
			</p>
			<PageHeading lead={t('updateNew.lead')}>{t('updateNew.heading')}</PageHeading>
			<p className="max-w-prose">{t('updateNew.reach', { immediate: counts.immediate, weekly: counts.weekly, none: counts.none })}</p>
			<ReplyToNote replyTo={replyTo} editUrl={`/chapters/${chapter.slug}/edit`} />
			{actionData && 'preview' in actionData ? (
				<section aria-labelledby="preview-heading" className="space-y-2 rounded-lg border-2 border-dashed border-line bg-paper-raised p-4">
					<h2 id="preview-heading" className="text-sm font-semibold text-ink-muted uppercase">
						{t('updateNew.preview.heading')}
					</h2>
					<p className="text-xl font-bold">{actionData.values.title}</p>
					<Markdown tree={actionData.preview} headingLevel={3} className="max-w-prose space-y-3" />
				</section>
			) : null}
			<ErrorSummary errors={errors} labels={labels} />
			{/* A plain Remix form, so the button pressed (preview or post) is sent with or without JavaScript. */}
			<Form method="post" noValidate className="max-w-2xl space-y-5">
				<TextField
					name="title"
					label={labels.title}
					hint={t('updateForm.title.hint')}
					error={errors.title}
					register={register}
					maxLength={150}
				/>
				<TextAreaField
					name="body"
					label={labels.body}
					hint={t('updateForm.body.hint')}
					error={errors.body}
					register={register}
					rows={12}
					maxLength={20000}
				/>
				<div className="flex flex-wrap items-center gap-4">
					<SubmitButton name="intent" value="post">
						{t('updateNew.submit')}
					</SubmitButton>
					<button
						type="submit"
						name="intent"
						value="preview"
						className="min-h-11 rounded-md border-2 border-action px-4 font-semibold text-action"
					>
						{t('updateNew.preview')}
					</button>
				</div>
			</Form>
		</div>
	)
}
