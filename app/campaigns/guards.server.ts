import { optionalUser, requireUser } from '#app/auth/guards.server'
import { notFound } from '#app/utils/responses.server'
import { isSlug } from '#app/utils/slug'
import { getCampaignPage } from './campaigns.server'

// Campaign pages choose their people with the shared guards
// (app/auth/guards.server.ts) and add only the campaign: a page a role may
// not reach answers 404, as everywhere (docs/decisions/044).

function campaignSlug(params: { slug?: string }, headers?: Headers) {
	const slug = params.slug ?? ''
	if (!isSlug(slug)) notFound(headers)
	return slug
}

/** The campaign page for anyone who may see it (a draft only for its coalition). */
export async function optionalCampaignVisitor(request: Request, params: { slug?: string }) {
	const slug = campaignSlug(params)
	const session = await optionalUser(request)
	const campaign = await getCampaignPage(session.caller, slug)
	if (!campaign) notFound(session.headers)
	return { ...session, campaign }
}

/** Signed in, and able to see the campaign. */
export async function requireCampaignVisitor(request: Request, params: { slug?: string }) {
	const slug = campaignSlug(params)
	const session = await requireUser(request)
	const campaign = await getCampaignPage(session.caller, slug)
	if (!campaign) notFound(session.headers)
	return { ...session, campaign }
}

/** The campaign's managers: the organizers of its chapters, and moderators. */
export async function requireCampaignManager(request: Request, params: { slug?: string }) {
	const found = await requireCampaignVisitor(request, params)
	if (!found.campaign.viewer.canManage) notFound(found.headers)
	return found
}

/** Circulators: members of the campaign's chapters, and its managers. */
export async function requireCampaignCirculator(request: Request, params: { slug?: string }) {
	const found = await requireCampaignVisitor(request, params)
	if (!found.campaign.viewer.canManage && !found.campaign.viewer.isMember) notFound(found.headers)
	return found
}
