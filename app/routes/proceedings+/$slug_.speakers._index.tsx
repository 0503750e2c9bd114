import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useLocation, useSearchParams } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { PageHeading } from '#app/components/layout'
import { anon } from '#app/db/db.server'
import { retryAfterHeaders } from '#app/http/rate-limits.server'
import { t } from '#app/i18n/i18n'
import { signUpAction } from '#app/speakers/sign-up-action.server'
import { HearingSummary, SignUpForm, SpeakerRulesView, type HearingView } from '#app/speakers/speakers-view'
import { speakersPage } from '#app/speakers/speakers.server'
import { requireSameOrigin } from '#app/utils/forms.server'
import { invariantResponse, notFound } from '#app/utils/responses.server'
import { isSlug } from '#app/utils/slug'

// A proceeding's speakers' page: the body's rules for speakers, each hearing
// with its counts and sign-up deadline, and the form to sign up to speak.

function proceedingSlug(params: { slug?: string }) {
	const slug = params.slug ?? ''
	invariantResponse(slug.length <= 100 && isSlug(slug.slice(0, 80)) && /^[a-z0-9-]+$/.test(slug))
	return slug
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = proceedingSlug(params)
	const { user, caller, headers } = await optionalUser(request)
	const page = await speakersPage(caller, slug)
	if (!page) notFound(headers)
	const now = new Date()
	return data(
		{
			proceeding: page.proceeding,
			rules: page.rules ? { ...page.rules, checkedOn: page.rules.checkedOn.toISOString() } : null,
			hearings: page.hearings.map((hearing): HearingView => ({
				clockId: hearing.clockId,
				label: hearing.label,
				startsAt: hearing.startsAt.toISOString(),
				allDay: hearing.allDay,
				place: hearing.place,
				closesAt: hearing.closesAt.toISOString(),
				open: hearing.open,
				places: hearing.places,
				listed: hearing.listed,
				waitlisted: hearing.waitlisted,
				full: hearing.full,
				after: hearing.after,
				listStartsAt: hearing.schedule.listStartsAt.toISOString(),
			})),
			own: page.own,
			organizer: page.organizer,
			viewer: user ? { email: user.email, name: page.viewerName } : null,
			now: now.toISOString(),
		},
		{ headers },
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('speakers.title', { title: data.proceeding.title }) }] : []

export const headers = retryAfterHeaders

export async function action({ request, params, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const slug = proceedingSlug(params)
	const page = await speakersPage(anon, slug)
	if (!page) notFound()
	return signUpAction(request, context, page)
}

const DONE = {
	sent: 'speakers.done.sent',
	listed: 'speakers.done.listed',
	waitlisted: 'speakers.done.waitlisted',
	already: 'speakers.done.already',
} as const

export default function SpeakersPage() {
	const { proceeding, rules, hearings, own, organizer, viewer, now } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const location = useLocation()
	const done = params.get('signup')
	const doneKey = done && done in DONE ? DONE[done as keyof typeof DONE] : null
	const doneHearing = location.hash.startsWith('#hearing-') ? location.hash.slice('#hearing-'.length) : null
	const doneOwn = own.find((entry) => entry.clockId === doneHearing) ?? own[0]
	return (
		<article className="space-y-10">
			<PageHeading lead={t('speakers.lead')}>
				{t('speakers.heading')}: {proceeding.title}
			</PageHeading>
			{doneKey ? (
				<div role="status" className="space-y-2 rounded-md bg-action-soft p-4 font-semibold">
					<p>{t(doneKey, { slot: doneOwn?.slot ?? 0 })}</p>
					{done !== 'sent' && doneOwn ? (
						<p>
							<Link to={doneOwn.slotPath}>{t('speakers.done.open')}</Link>
						</p>
					) : null}
				</div>
			) : null}
			<p className="max-w-prose">{t('speakers.about')}</p>
			<p>
				<Link to={`/projects/${proceeding.projectSlug}#proceeding-${proceeding.slug}`}>
					{t('speakers.back', { name: proceeding.projectName })}
				</Link>
			</p>
			<SpeakerRulesView rules={rules} bodyName={proceeding.body?.name ?? null} />
			<section aria-labelledby="hearings-heading" className="space-y-6">
				<h2 id="hearings-heading" className="text-2xl font-bold">
					{t('speakers.hearings.heading')}
				</h2>
				{hearings.length === 0 ? <p>{t('speakers.hearings.none')}</p> : null}
				{hearings.map((hearing) => (
					<HearingSummary
						key={hearing.clockId}
						hearing={hearing}
						zone={proceeding.timeZone}
						now={now}
						own={own.find((entry) => entry.clockId === hearing.clockId)}
						organizerListPath={organizer ? `/proceedings/${proceeding.slug}/speakers/list#list-${hearing.clockId}` : null}
					/>
				))}
			</section>
			<SignUpForm
				hearings={hearings.filter((hearing) => !own.some((entry) => entry.clockId === hearing.clockId))}
				zone={proceeding.timeZone}
				rules={rules}
				viewer={viewer}
				actionData={actionData}
				redirectTo={`/proceedings/${proceeding.slug}/speakers`}
			/>
		</article>
	)
}
