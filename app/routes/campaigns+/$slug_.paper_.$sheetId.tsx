import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { requireCampaignManager } from '#app/campaigns/guards.server'
import { correctRow, correctSheet, sheetDetail } from '#app/campaigns/paper-correction.server'
import { rowCorrectionSchema, sheetCorrectionSchema, toWhole } from '#app/campaigns/schemas'
import { SheetCorrectionPage, sheetIntent } from '#app/campaigns/sheet-page'
import { t } from '#app/i18n/i18n'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { badRequest, notFound } from '#app/utils/responses.server'

// A manager corrects one paper sheet: its circulator, day, town, number and
// count, or a named row's name, address and ZIP. The repeats shown after
// saving are checked again against every online and paper signature, and
// the change log below says who changed what (docs/decisions/074).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

async function requireSheet(request: Request, params: { slug?: string; sheetId?: string }) {
	const session = await requireCampaignManager(request, params)
	const sheetId = params.sheetId ?? ''
	if (!UUID.test(sheetId)) notFound(session.headers)
	const sheet = await sheetDetail(session.caller, session.campaign.id, sheetId)
	if (!sheet) notFound(session.headers)
	return { ...session, sheet }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { campaign, sheet, headers } = await requireSheet(request, params)
	const asked = new URL(request.url).searchParams.get('saved')
	const saved: 'sheet' | 'row' | null = asked === 'sheet' || asked === 'row' ? asked : null
	return data({ campaign, sheet, saved }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('campaign.sheet.title', { name: data.campaign.name }) }, { name: 'robots', content: 'noindex' }] : []

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { caller, campaign, sheet, headers } = await requireSheet(request, params)
	const formData = await request.formData()
	const intent = formData.get('intent')
	const here = `/campaigns/${campaign.slug}/paper/${sheet.id}`
	if (intent === sheetIntent.sheet) {
		const form = parseForm(formData, sheetCorrectionSchema)
		if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
		const outcome = await correctSheet(caller, campaign.id, sheet.id, { ...form.data, count: toWhole(form.data.count) ?? 0 })
		if (!outcome.ok) {
			const values = { ...form.data, intent }
			if (outcome.reason === 'duplicate_sheet')
				return formError({ sheetNumber: t('campaigns.paper.error.duplicateSheet') }, values, headers)
			if (outcome.reason === 'count_below_rows') {
				const last = sheet.rows.at(-1)?.line ?? 1
				return formError({ count: t('campaigns.paper.error.countBelowRows', { line: last }) }, values, headers)
			}
			return formError({ form: t('campaign.sheet.notAllowed') }, values, headers)
		}
		return redirect(`${here}?saved=sheet`, { headers })
	}
	if (intent === sheetIntent.row) {
		const form = parseForm(formData, rowCorrectionSchema)
		const signerId = String(formData.get('signerId') ?? '')
		if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent, signerId }, headers)
		const outcome = await correctRow(caller, campaign.id, sheet.id, form.data)
		if (!outcome.ok) return formError({ form: t('campaign.sheet.notAllowed') }, { ...form.data, intent }, headers)
		return redirect(`${here}?saved=row#row-${form.data.signerId}`, { headers })
	}
	badRequest('Unknown action')
}

export default function CampaignPaperSheet() {
	const { campaign, sheet, saved } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return <SheetCorrectionPage campaign={campaign} sheet={sheet} actionData={actionData} saved={saved} />
}
