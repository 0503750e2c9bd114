import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/guards.server'
import { DriveForm } from '#app/comments/drive-form'
import { createDrive, FEDERAL_TIME_ZONE, newDriveContext } from '#app/comments/drives.server'
import { regulationsGovConfig } from '#app/comments/regulations-gov.server'
import { driveSchema } from '#app/comments/schemas'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { notFound } from '#app/utils/responses.server'
import { isSlug } from '#app/utils/slug'

// Opening a comment drive: on a proceeding (?proceeding=<slug>, from its
// project page) or on a federal docket's document.

function proceedingParam(request: Request) {
	const value = new URL(request.url).searchParams.get('proceeding')
	if (value === null || value === '') return null
	return isSlug(value) || value.length <= 100 ? value : null
}

export async function loader({ request }: LoaderFunctionArgs) {
	const { caller, headers } = await requireUser(request)
	const context = await newDriveContext(caller, proceedingParam(request))
	if (!context) notFound(headers)
	return data(
		{
			chapters: context.chapters,
			proceeding: context.proceeding
				? {
						slug: context.proceeding.slug,
						title: context.proceeding.title,
						bodyName: context.proceeding.body_name,
						projectSlug: context.proceeding.project_slug,
					}
				: null,
			timeZone: context.proceeding?.time_zone ?? FEDERAL_TIME_ZONE,
			federalPosting: regulationsGovConfig() !== null,
		},
		{ headers },
	)
}

export const meta: MetaFunction = () => [{ title: t('comments.new.title') }]

export async function action({ request }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { caller, headers } = await requireUser(request)
	const formData = await request.formData()
	const form = parseForm(formData, driveSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const values = Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
	const context = await newDriveContext(caller, form.data.proceedingSlug || null)
	if (!context) return formError({ form: t('comments.new.error.proceeding') }, values, headers)
	const created = await createDrive(caller, context, form.data.chapterId, form.data)
	if (!created.ok) {
		if (created.reason === 'chapter') return formError({ chapterId: t('comments.new.error.chapter') }, values, headers)
		if (created.reason === 'invalid') return formError({ form: t('comments.new.error.invalid') }, values, headers)
		return formError({ form: t('comments.new.error.notAllowed') }, values, headers)
	}
	return redirect(`/comments/${created.slug}/manage`, { headers })
}

export default function NewDrive() {
	const { chapters, proceeding, timeZone, federalPosting } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	if (chapters.length === 0) {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading>{t('comments.new.heading')}</PageHeading>
				<p className="text-lg">{proceeding ? t('comments.new.noLinkedChapter') : t('comments.new.noChapter')}</p>
				{proceeding ? (
					<p>
						<Link to={`/projects/${proceeding.projectSlug}`}>{t('comments.new.backToProject')}</Link>
					</p>
				) : null}
			</div>
		)
	}
	return (
		<div>
			<PageHeading lead={t('comments.new.lead')}>{t('comments.new.heading')}</PageHeading>
			<DriveForm actionData={actionData} chapters={chapters} proceeding={proceeding} federalPosting={federalPosting} timeZone={timeZone} />
		</div>
	)
}
