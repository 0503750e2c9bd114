import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { requireUser } from '#app/auth/guards.server'
import { ChapterForm } from '#app/chapters/chapter-form'
import { resolvePlace } from '#app/chapters/chapter-form.server'
import { createChapter } from '#app/chapters/chapters.server'
import { chapterSchema } from '#app/chapters/schemas'
import { PageHeading } from '#app/components/layout'
import { asCaller } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'

export const meta: MetaFunction = () => [{ title: t('chapterNew.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { user, caller, headers } = await requireUser(request)
	// Start from the place the person gave us, if they did.
	const settings = await asCaller(caller, (trx) =>
		trx.selectFrom('profile_settings').select('postal_code').where('user_id', '=', user.id).executeTakeFirst(),
	)
	return data({ place: settings?.postal_code ?? '' }, { headers })
}

export async function action({ request }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { caller, headers } = await requireUser(request)
	const form = parseForm(await request.formData(), chapterSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const place = await resolvePlace(caller, form.data.place, form.data.jurisdictionId)
	const values = { name: form.data.name, place: form.data.place, description: form.data.description, visibility: form.data.visibility }
	if (!place.ok) return data({ errors: place.errors, values, choices: place.choices }, { status: 400, headers })
	const slug = await createChapter(caller, { ...form.data, jurisdictionId: place.jurisdictionId })
	return redirect(`/chapters/${slug}?notice=created`, { headers })
}

export default function NewChapter() {
	const actionData = useActionData<typeof action>()
	return (
		<div className="space-y-6">
			<p>
				<Link to="/chapters">← {t('chapter.back')}</Link>
			</p>
			<PageHeading lead={t('chapterNew.lead')}>{t('chapterNew.heading')}</PageHeading>
			<ChapterForm
				actionData={actionData}
				defaults={{ visibility: 'public' }}
				choices={actionData && 'choices' in actionData ? actionData.choices : undefined}
				submitLabel={t('chapterNew.submit')}
			/>
		</div>
	)
}
