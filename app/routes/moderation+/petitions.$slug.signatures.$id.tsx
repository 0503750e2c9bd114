import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { requireModerator } from '#app/auth/guards.server'
import { PageHeading } from '#app/components/layout'
import { formatDateTime, t } from '#app/i18n/i18n'
import { moderatedSignature, moderateSignature, moderatorTimeZone } from '#app/moderation/moderation.server'
import { formatCount } from '#app/petitions/components'
import { getPetition } from '#app/petitions/petitions.server'
import { requireSameOrigin } from '#app/utils/forms.server'
import { badRequest, notFound } from '#app/utils/responses.server'

// One signature as a moderator may see it: when, its state and why it is
// held, the network and email domain the rate limits count, and the town.
// Never who signed (name, email address, postal code, comment): that stays
// with the petition's organizers (docs/decisions/023, 078).

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: t('moderation.signature.title', { id: data?.signature.id ?? '' }) },
]

async function moderatedOne(request: Request, params: LoaderFunctionArgs['params']) {
	const session = await requireModerator(request)
	const id = params.id ?? ''
	if (!/^\d{1,18}$/.test(id)) notFound(session.headers)
	const petition = await getPetition(session.caller, params.slug ?? '')
	if (!petition) notFound(session.headers)
	return { ...session, petition, id }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, petition, id, headers } = await moderatedOne(request, params)
	const [signature, timeZone] = await Promise.all([moderatedSignature(caller, petition.id, id), moderatorTimeZone(caller)])
	if (!signature) notFound(headers)
	headers.set('Cache-Control', 'private, no-store')
	return data({ petition: { slug: petition.slug, title: petition.title }, signature, timeZone }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { caller, petition, id, headers } = await moderatedOne(request, params)
	const intent = (await request.formData()).get('intent')
	if (intent !== 'release' && intent !== 'remove') badRequest('Unknown action', headers)
	const changed = await moderateSignature(caller, petition.id, id, intent === 'release')
	const done = changed ? (intent === 'release' ? 'released' : 'removed') : 'unchanged'
	return redirect(`/moderation/petitions/${petition.slug}/signatures/${id}?done=${done}`, { headers })
}

const doneMessages = {
	released: 'moderation.signature.released',
	removed: 'moderation.signature.removed',
	unchanged: 'moderation.signature.unchanged',
} as const

function isDone(value: string | null): value is keyof typeof doneMessages {
	return value !== null && value in doneMessages
}

export default function ModeratedSignature() {
	const { petition, signature, timeZone } = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	const done = params.get('done')
	const when = (at: string | Date | null) => (at ? formatDateTime(at, timeZone) : t('moderation.signature.never'))
	const rows: Array<[string, string]> = [
		[t('moderation.signature.state'), t(`moderation.signature.state.${signature.status}`)],
		...(signature.reason ? [[t('moderation.signature.why'), t(`moderation.held.${signature.reason}`)] as [string, string]] : []),
		[t('moderation.signature.signedAt'), when(signature.createdAt)],
		[t('moderation.signature.processedAt'), when(signature.processedAt)],
		[t('moderation.signature.emailedAt'), when(signature.emailedAt)],
		[t('moderation.signature.emails'), formatCount(signature.emailsSent)],
		[t('moderation.signature.confirmedAt'), when(signature.confirmedAt)],
		...(signature.removedAt ? [[t('moderation.signature.removedAt'), when(signature.removedAt)] as [string, string]] : []),
		[t('moderation.signature.exempt'), signature.exempt ? t('moderation.signature.yes') : t('moderation.signature.no')],
		[
			t('moderation.signature.ip'),
			signature.ip ? `${signature.ip} · ${t('moderation.signature.sameIp', { count: signature.sameIp })}` : t('moderation.held.noIp'),
		],
		[
			t('moderation.signature.domain'),
			`${signature.emailDomain} · ${t('moderation.signature.sameDomain', { count: signature.sameDomain })}`,
		],
		[t('moderation.signature.place'), signature.place],
	]
	return (
		<div className="max-w-3xl space-y-8">
			<div className="space-y-3">
				<p>
					<Link to={`/moderation/petitions/${petition.slug}#held-list-heading`}>← {t('moderation.signature.back')}</Link>
				</p>
				<PageHeading lead={t('moderation.signature.lead')}>{t('moderation.signature.heading', { id: signature.id })}</PageHeading>
				<p className="font-semibold">{petition.title}</p>
				{isDone(done) ? (
					<p role="status" className="rounded-md border-2 border-action bg-action-soft p-4 font-semibold">
						{t(doneMessages[done])}
					</p>
				) : null}
			</div>
			<dl className="divide-y divide-line rounded-lg border border-line bg-paper-raised">
				{rows.map(([term, value]) => (
					<div key={term} className="grid gap-1 p-3 sm:grid-cols-[16rem_minmax(0,1fr)]">
						<dt className="font-semibold">{term}</dt>
						<dd className="break-words">{value}</dd>
					</div>
				))}
			</dl>
			<div className="flex flex-col gap-6 sm:flex-row">
				{signature.status === 'suspected' ? (
					<Form method="post" className="space-y-2 sm:flex-1">
						<p>{t('moderation.signature.release.lead')}</p>
						<button
							type="submit"
							name="intent"
							value="release"
							className="min-h-11 rounded-md bg-action px-4 font-semibold text-white hover:bg-action-hover"
						>
							{t('moderation.signature.release')}
						</button>
					</Form>
				) : null}
				{signature.status !== 'invalidated' ? (
					<Form method="post" className="space-y-2 sm:flex-1">
						<p>{t('moderation.signature.remove.lead')}</p>
						<button
							type="submit"
							name="intent"
							value="remove"
							className="min-h-11 rounded-md border-2 border-alert px-4 font-semibold text-alert"
						>
							{t('moderation.signature.remove')}
						</button>
					</Form>
				) : null}
			</div>
		</div>
	)
}
