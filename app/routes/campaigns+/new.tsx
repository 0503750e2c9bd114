import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/guards.server'
import { NewCampaignForm } from '#app/campaigns/campaign-form'
import { createCampaign, organizerChapters } from '#app/campaigns/campaigns.server'
import { campaignSchema } from '#app/campaigns/schemas'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'

export const meta: MetaFunction = () => [{ title: t('campaigns.new.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { caller, headers } = await requireUser(request)
	return data({ chapters: await organizerChapters(caller) }, { headers })
}

export async function action({ request }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { caller, headers } = await requireUser(request)
	const form = parseForm(await request.formData(), campaignSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const input = form.data
	const chapters = await organizerChapters(caller)
	const chapter = chapters.find((candidate) => candidate.id === input.chapterId)
	if (!chapter) return formError({ chapterId: t('campaigns.error.chapter') }, { ...input }, headers)
	const jurisdictionId = Number(input.jurisdictionId)
	if (!chapter.places.some((place) => place.id === jurisdictionId)) {
		return formError({ jurisdictionId: t('campaigns.error.placeNotYours') }, { ...input }, headers)
	}
	const slug = await createCampaign(caller, {
		name: input.name,
		kind: input.kind,
		goal: input.goal,
		description: input.description,
		chapterId: chapter.id,
		jurisdictionId,
		target: input.target,
		targetName: input.targetName,
		status: input.status,
		useTemplate: input.useTemplate === 'on',
		stageTitles: (key) => t(`campaign.template.${key}`),
	})
	return redirect(`/campaigns/${slug}`, { headers })
}

export default function NewCampaign() {
	const { chapters } = useLoaderData<typeof loader>()
	if (chapters.length === 0) {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading>{t('campaigns.new.heading')}</PageHeading>
				<p className="text-lg">{t('campaigns.new.notOrganizer')}</p>
				<p>
					<Link to="/chapters/new">{t('campaigns.new.startChapter')}</Link>
				</p>
			</div>
		)
	}
	return (
		<div>
			<PageHeading lead={t('campaigns.new.lead')}>{t('campaigns.new.heading')}</PageHeading>
			<NewCampaignForm chapters={chapters} />
		</div>
	)
}
