import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { requireUser } from '#app/auth/guards.server'
import {
	chapterFrequencySchema,
	emailSettingIntents,
	stopPetitionUpdatesSchema,
	unfollowSchema,
	type EmailSettingIntent,
} from '#app/home/email-settings'
import { EmailSettingsPage } from '#app/home/email-settings-page'
import { emailSettings, setEmailFrequency, stopPetitionUpdates, unfollow } from '#app/home/email-settings.server'
import { t } from '#app/i18n/i18n'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'

export const meta: MetaFunction = () => [{ title: t('emailPage.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { caller, headers } = await requireUser(request)
	return data({ settings: await emailSettings(caller) }, { headers })
}

function isIntent(value: unknown): value is EmailSettingIntent {
	return emailSettingIntents.some((intent) => intent === value)
}

export async function action({ request }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { caller, headers } = await requireUser(request)
	const formData = await request.formData()
	const intent = formData.get('intent')
	if (!isIntent(intent)) return formError({ form: t('emailPage.problem') }, {}, headers)
	let done = false
	switch (intent) {
		case 'chapter-frequency': {
			const form = parseForm(formData, chapterFrequencySchema)
			done = form.success && (await setEmailFrequency(caller, form.data.chapterId, form.data.frequency))
			break
		}
		case 'stop-petition-updates': {
			const form = parseForm(formData, stopPetitionUpdatesSchema)
			done = form.success && (await stopPetitionUpdates(caller, form.data.signatureId))
			break
		}
		case 'unfollow': {
			const form = parseForm(formData, unfollowSchema)
			done = form.success && (await unfollow(caller, form.data.followId))
			break
		}
	}
	if (!done) return formError({ form: t('emailPage.problem') }, { intent }, headers)
	return redirect('/account/emails?saved=1', { headers })
}

export default function EmailSettings() {
	const { settings } = useLoaderData<typeof loader>()
	const failure = useActionData<typeof action>()
	const [params] = useSearchParams()
	return <EmailSettingsPage settings={settings} saved={params.get('saved') === '1'} problem={failure?.errors.form ?? null} />
}
