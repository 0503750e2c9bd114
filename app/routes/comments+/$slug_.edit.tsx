import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/guards.server'
import { DriveForm } from '#app/comments/drive-form'
import { getDrive, updateDrive, type Drive } from '#app/comments/drives.server'
import { regulationsGovConfig } from '#app/comments/regulations-gov.server'
import { driveSchema } from '#app/comments/schemas'
import { PageHeading } from '#app/components/layout'
import type { AuthenticatedCaller } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { civilDateAt } from '#app/siting/civil-date'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { notFound } from '#app/utils/responses.server'
import { isSlug } from '#app/utils/slug'

// Editing a drive, for its organizers and moderators (anyone else: 404): the
// talking points, template, the body's rules, the deadline and the channel.
// Its chapter, what it is on and whether it is a sign-on letter stay. The
// channel cannot change once comments have gone through it, nor a signed
// letter's text (the database refuses both; the page says why).

async function managed(caller: AuthenticatedCaller, slug: string, headers: Headers) {
	if (!isSlug(slug)) notFound(headers)
	const found = await getDrive(caller, slug)
	if (!found || !found.drive.canManage) notFound(headers)
	return found.drive
}

function deadlineTime(at: Date | string, timeZone: string) {
	return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at))
}

function currentValues(drive: Drive): Record<string, string> {
	// A box left unticked is absent, as the browser sends it.
	const ticked = (flags: Record<string, boolean>) =>
		Object.fromEntries(Object.entries(flags).flatMap(([name, on]) => (on ? [[name, 'on']] : [])))
	return {
		chapterId: drive.chapter_id,
		proceedingSlug: drive.proceeding_slug ?? '',
		documentId: drive.regulations_gov_document_id ?? '',
		title: drive.title,
		talkingPoints: drive.talking_points,
		template: drive.template,
		deadlineDate: civilDateAt(drive.deadline, drive.timeZone),
		deadlineTime: deadlineTime(drive.deadline, drive.timeZone),
		maxChars: String(drive.max_chars),
		minChars: String(drive.min_chars),
		channel: drive.channel,
		handOffUrl: drive.hand_off_url ?? '',
		...ticked({
			requireAddress: drive.required_fields.includes('address'),
			requirePostalCode: drive.required_fields.includes('postal_code'),
			requireOrganization: drive.required_fields.includes('organization'),
			anonymousAllowed: drive.anonymous_allowed,
			signOn: drive.sign_on,
		}),
	}
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, headers } = await requireUser(request)
	const drive = await managed(caller, params.slug ?? '', headers)
	headers.set('Cache-Control', 'private, no-store')
	return data(
		{
			slug: drive.slug,
			title: drive.title,
			values: currentValues(drive),
			proceeding: drive.proceeding_slug
				? { slug: drive.proceeding_slug, title: drive.proceeding_title ?? '', bodyName: drive.body_name }
				: null,
			timeZone: drive.timeZone,
			federalPosting: regulationsGovConfig() !== null && drive.regulations_gov_document_id !== null,
		},
		{ headers },
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('comments.edit.title', { title: data.title }) }, { name: 'robots', content: 'noindex' }] : []

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { caller, headers } = await requireUser(request)
	const drive = await managed(caller, params.slug ?? '', headers)
	const formData = await request.formData()
	// What the drive is on, its chapter and whether it is a letter come from the drive, whatever the form says.
	const fixed = currentValues(drive)
	for (const field of ['chapterId', 'proceedingSlug', 'documentId', 'signOn'] as const) {
		const value = fixed[field]
		if (value) formData.set(field, value)
		else formData.delete(field)
	}
	const values = Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
	const form = parseForm(formData, driveSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const saved = await updateDrive(caller, drive, form.data)
	if (saved.ok) return redirect(`/comments/${drive.slug}/manage?done=edited`, { headers })
	if (saved.reason === 'channel_locked') return formError({ channel: t('comments.edit.error.channelLocked') }, values, headers)
	if (saved.reason === 'letter_signed') return formError({ template: t('comments.edit.error.letterSigned') }, values, headers)
	if (saved.reason === 'invalid') return formError({ form: t('comments.new.error.invalid') }, values, headers)
	return formError({ form: t('comments.edit.error.notAllowed') }, values, headers)
}

export default function EditDrive() {
	const { slug, title, values, proceeding, timeZone, federalPosting } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="space-y-6">
			<p>
				<Link to={`/comments/${slug}/manage`}>← {t('comments.edit.back', { title })}</Link>
			</p>
			<PageHeading lead={t('comments.edit.lead')}>{t('comments.edit.heading', { title })}</PageHeading>
			<DriveForm
				actionData={actionData}
				chapters={[]}
				proceeding={proceeding}
				federalPosting={federalPosting}
				timeZone={timeZone}
				editing={values}
			/>
		</div>
	)
}
