import { Form, Link, useFormAction, type useLoaderData } from '@remix-run/react'
import { CheckboxField, ErrorSummary, SubmitButton, TextAreaField, useValidatedForm, type ActionFailure } from '#app/components/forms'
import { formatDate, t } from '#app/i18n/i18n'
import { Markdown } from '#app/markdown/markdown'
import type { loader } from '#app/routes/petitions+/$slug._index'
import { AboutProject } from '#app/siting/project-link'
import { formatCount, ProgressBar, relativeDays, SignForm, StatusBadge } from './components'
import { MapLegend, PlacesTable } from './places-table'
import { memberSignatureSchema } from './schemas'
import { shareLinks } from './share'

// The views of the public petition page; the route (app/routes/petitions+/$slug._index.tsx)
// only loads, handles the signature and hands its data here.

export type PetitionPageData = ReturnType<typeof useLoaderData<typeof loader>>
type Page = PetitionPageData

/** The public petition page: what it asks, its count, the signing forms, and what signers did. */
export function PetitionPageView({ page, actionData }: { page: Page; actionData: ActionFailure }) {
	const { petition } = page
	const memberFailure = actionData?.values?.intent === 'member' ? actionData : undefined
	const anonymousFailure = actionData?.values?.intent === 'member' ? undefined : actionData

	return (
		<article className="space-y-10">
			<header className="space-y-4">
				<div className="flex flex-wrap items-center gap-3">
					<StatusBadge status={petition.status} open={petition.open} />
					{petition.chapter ? (
						<Link to={`/chapters/${petition.chapter.slug}`} className="text-sm">
							{petition.chapter.name}
						</Link>
					) : null}
				</div>
				<h1 className="text-3xl leading-tight font-bold sm:text-4xl">{petition.title}</h1>
				<p className="text-lg">
					<span className="font-semibold">{t('petitions.to.label')}</span> {petition.decisionMaker}
				</p>
				<p className="max-w-prose text-lg">{petition.summary}</p>
				<AboutProject about={page.about} />
				<CountBlock page={page} />
				{petition.open ? (
					<a
						href="#sign"
						className="inline-flex min-h-11 items-center justify-center rounded-md bg-action px-5 py-2 text-lg font-semibold text-white no-underline hover:bg-action-hover hover:text-white lg:hidden"
					>
						{t('petitions.sign.jump')}
					</a>
				) : null}
				{petition.canManage ? (
					<p>
						<Link to={`/petitions/${petition.slug}/manage`} className="font-semibold">
							{t('petitions.page.manage')}
						</Link>
					</p>
				) : null}
			</header>

			{petition.status === 'draft' ? <DraftNotice page={page} /> : null}
			{petition.status === 'delivered' ? <DeliveryNotice page={page} /> : null}

			<div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_22rem]">
				<div className="space-y-10">
					{petition.coverUrl ? (
						<img
							src={petition.coverUrl}
							alt={petition.coverAlt}
							width={1200}
							height={630}
							className="h-auto w-full rounded-lg border border-line object-cover"
						/>
					) : null}
					<section aria-labelledby="why-heading" className="space-y-3">
						<h2 id="why-heading" className="text-2xl font-bold">
							{t('petitions.page.why')}
						</h2>
						{petition.body.children.length > 0 ? (
							<Markdown tree={petition.body} className="max-w-prose space-y-4" />
						) : (
							<p>{t('petitions.page.noBody')}</p>
						)}
					</section>
					<Updates page={page} />
				</div>

				<aside
					id="sign"
					aria-labelledby="sign-heading"
					className="h-fit space-y-4 rounded-lg border-2 border-action bg-paper-raised p-5 lg:sticky lg:top-4"
				>
					<h2 id="sign-heading" className="text-2xl font-bold">
						{petition.open
							? t('petitions.sign.heading')
							: petition.status === 'draft'
								? t('petitions.sign.draftHeading')
								: t('petitions.sign.closedHeading')}
					</h2>
					<SigningPanel page={page} memberFailure={memberFailure} anonymousFailure={anonymousFailure} />
				</aside>
			</div>

			<Milestones page={page} />
			<RecentSigners page={page} />
			<SignaturesOverTime page={page} />
			<WhereSignersLive page={page} />
			<Share page={page} />

			<p className="text-sm">
				<Link to={`/petitions/${petition.slug}/report`}>{t('petitions.report.link')}</Link>
			</p>
		</article>
	)
}

function CountBlock({ page }: { page: Page }) {
	const { petition } = page
	return (
		<div className="max-w-xl space-y-2 rounded-lg bg-paper-sunk p-4">
			<p className="text-lg">
				<span className="text-3xl font-bold">{formatCount(petition.count)}</span>{' '}
				{t('petitions.progress.of', { count: petition.count, goal: formatCount(petition.signatureGoal) })}
			</p>
			<ProgressBar count={petition.count} goal={petition.signatureGoal} label={t('petitions.progress.label')} />
			<SigningWindow page={page} />
			<p className="text-sm text-ink-muted">{t('petitions.progress.confirmedOnly')}</p>
		</div>
	)
}

/**
 * When signing closes or closed, truthfully: an open petition's deadline, the
 * day organizers closed it (even before its deadline), the deadline that
 * passed, or for a draft the deadline it will have.
 */
function SigningWindow({ page }: { page: Page }) {
	const { petition, now } = page
	if (petition.open) {
		return petition.deadline ? (
			<p className="font-semibold">
				{t('petitions.deadline.open', { date: formatDate(petition.deadline), relative: relativeDays(petition.deadline, now) })}
			</p>
		) : (
			<p>{t('petitions.deadline.none')}</p>
		)
	}
	if (petition.status === 'draft') {
		return petition.deadline ? <p>{t('petitions.deadline.draft', { date: formatDate(petition.deadline) })}</p> : null
	}
	const deadlinePassed = petition.deadline !== null && new Date(petition.deadline) <= new Date(now)
	const closedEarly =
		petition.closedAt !== null && (petition.deadline === null || new Date(petition.closedAt) < new Date(petition.deadline))
	if (petition.status !== 'published' && closedEarly && petition.closedAt) {
		return <p className="font-semibold">{t('petitions.deadline.closedEarly', { date: formatDate(petition.closedAt) })}</p>
	}
	if (deadlinePassed && petition.deadline) {
		return <p className="font-semibold">{t('petitions.deadline.closed', { date: formatDate(petition.deadline) })}</p>
	}
	return null
}

function SigningPanel({
	page,
	memberFailure,
	anonymousFailure,
}: {
	page: Page
	memberFailure: ActionFailure
	anonymousFailure: ActionFailure
}) {
	const { petition } = page
	if (!petition.open) {
		if (petition.status === 'draft') return <p>{t('petitions.sign.draft')}</p>
		return <p>{petition.status === 'delivered' ? t('petitions.sign.delivered') : t('petitions.sign.closed')}</p>
	}
	if (page.mySignature === 'confirmed') {
		return <p role="status">{t('petitions.sign.youSigned')}</p>
	}
	return (
		<div className="space-y-6">
			{page.member ? (
				<>
					<MemberSignForm page={page} actionData={memberFailure} />
					{/* Open when the other form came back with an error, so the error is seen. */}
					<details open={Boolean(anonymousFailure?.errors)}>
						<summary className="min-h-11 cursor-pointer font-semibold">{t('petitions.sign.member.orForm')}</summary>
						<div className="mt-4">
							<SignForm
								petitionId={petition.id}
								formToken={page.formToken}
								countries={page.countries}
								actionData={anonymousFailure}
								landAt="sign"
							/>
						</div>
					</details>
				</>
			) : (
				<SignForm
					petitionId={petition.id}
					formToken={page.formToken}
					countries={page.countries}
					actionData={anonymousFailure}
					landAt="sign"
				/>
			)}
		</div>
	)
}

function MemberSignForm({ page, actionData }: { page: Page; actionData: ActionFailure }) {
	const { register, errors, onSubmit } = useValidatedForm(memberSignatureSchema, actionData, { petitionId: page.petition.id })
	// Without JavaScript the page reloads after an error: landing at the form, its summary is in view.
	const here = useFormAction()
	const member = page.member
	if (!member) return null
	return (
		<div className="space-y-3 rounded-md bg-action-soft p-4">
			<ErrorSummary errors={errors} labels={{}} />
			{member.place ? (
				<Form method="post" action={`${here}#sign`} noValidate onSubmit={onSubmit} className="space-y-4">
					<input type="hidden" name="intent" value="member" />
					<input type="hidden" {...register('petitionId')} />
					<p>{t('petitions.sign.member.as', { name: member.name, place: member.place })}</p>
					<TextAreaField
						name="comment"
						id="member-comment"
						label={t('petitions.sign.comment')}
						error={errors.comment}
						register={register}
						rows={2}
					/>
					<CheckboxField name="showName" id="member-showName" label={t('petitions.sign.showName')} register={register} />
					<CheckboxField name="wantsUpdates" id="member-wantsUpdates" label={t('petitions.sign.wantsUpdates')} register={register} />
					<SubmitButton>{t('petitions.sign.member.submit')}</SubmitButton>
				</Form>
			) : (
				<p>
					{t('petitions.sign.member.addZip')} <Link to="/account">{t('petitions.sign.member.accountLink')}</Link>
				</p>
			)}
		</div>
	)
}

/** A draft's preview says what it is, and what publishing it will do. */
function DraftNotice({ page }: { page: Page }) {
	const { petition } = page
	return (
		<section aria-labelledby="draft-heading" className="space-y-3 rounded-lg border-2 border-alert bg-alert-soft p-5">
			<h2 id="draft-heading" className="text-2xl font-bold">
				{t('petitions.draft.heading')}
			</h2>
			<p className="max-w-prose">{t('petitions.draft.body')}</p>
			{petition.canManage ? (
				<p>
					<Link to={`/petitions/${petition.slug}/manage`} className="font-semibold">
						{t('petitions.draft.manage')}
					</Link>
				</p>
			) : null}
		</section>
	)
}

function DeliveryNotice({ page }: { page: Page }) {
	const { petition } = page
	return (
		<section aria-labelledby="delivery-heading" className="space-y-3 rounded-lg border-2 border-action bg-action-soft p-5">
			<h2 id="delivery-heading" className="text-2xl font-bold">
				{t('petitions.delivery.heading')}
			</h2>
			{petition.deliveredOn ? (
				<p>
					{t('petitions.delivery.when', {
						date: formatDate(`${petition.deliveredOn}T12:00:00Z`),
						decisionMaker: petition.decisionMaker,
						count: petition.count,
					})}
				</p>
			) : null}
			{petition.deliveryMethod ? (
				<p>
					<span className="font-semibold">{t('petitions.delivery.how')}</span> {petition.deliveryMethod}
				</p>
			) : null}
			<h3 className="text-lg font-bold">{t('petitions.delivery.response')}</h3>
			{petition.response ? (
				<>
					{petition.respondedOn ? <p className="text-sm text-ink-muted">{formatDate(`${petition.respondedOn}T12:00:00Z`)}</p> : null}
					<blockquote className="max-w-prose border-l-4 border-action pl-4 whitespace-pre-line">{petition.response}</blockquote>
				</>
			) : (
				<p>{t('petitions.delivery.noResponse')}</p>
			)}
		</section>
	)
}

function Updates({ page }: { page: Page }) {
	if (page.updates.length === 0) return null
	return (
		<section aria-labelledby="updates-heading" className="space-y-4">
			<h2 id="updates-heading" className="text-2xl font-bold">
				{t('petitions.updates.heading')}
			</h2>
			<ol className="space-y-6">
				{page.updates.map((update) => (
					<li key={update.id} className="space-y-2 border-l-4 border-line pl-4">
						<h3 className="text-lg font-bold">{update.title}</h3>
						<p className="text-sm text-ink-muted">{formatDate(update.createdAt)}</p>
						<Markdown tree={update.body} headingLevel={4} className="max-w-prose space-y-3" />
					</li>
				))}
			</ol>
		</section>
	)
}

function Milestones({ page }: { page: Page }) {
	if (page.milestones.length === 0) return null
	return (
		<section aria-labelledby="milestones-heading" className="space-y-3">
			<h2 id="milestones-heading" className="text-2xl font-bold">
				{t('petitions.milestones.heading')}
			</h2>
			<ul className="space-y-1">
				{page.milestones.map((milestone) => (
					<li key={milestone.threshold}>
						{t('petitions.milestones.item', { count: milestone.threshold, date: formatDate(milestone.reachedAt) })}
					</li>
				))}
			</ul>
		</section>
	)
}

function RecentSigners({ page }: { page: Page }) {
	return (
		<section aria-labelledby="signers-heading" className="space-y-3">
			<h2 id="signers-heading" className="text-2xl font-bold">
				{t('petitions.signers.heading')}
			</h2>
			{page.recentSigners.length === 0 ? (
				<p>{page.petition.count > 0 ? t('petitions.signers.noneShown') : t('petitions.signers.none')}</p>
			) : (
				<ul className="grid gap-2 sm:grid-cols-2">
					{page.recentSigners.map((signer, index) => (
						<li key={index}>
							<span className="font-semibold">{signer.name}</span>
							{signer.place ? `, ${signer.place}` : ''}{' '}
							<span className="text-sm text-ink-muted">· {relativeDays(signer.signedAt, page.now)}</span>
						</li>
					))}
				</ul>
			)}
			<p className="text-sm text-ink-muted">{t('petitions.signers.consent')}</p>
		</section>
	)
}

function SignaturesOverTime({ page }: { page: Page }) {
	const { petition } = page
	return (
		<section aria-labelledby="chart-heading" className="space-y-3">
			<h2 id="chart-heading" className="text-2xl font-bold">
				{t('petitions.chart.heading')}
			</h2>
			<img
				src={`/petitions/${petition.slug}/chart.svg?v=${page.version}`}
				alt={t('petitions.chart.alt', { count: petition.count })}
				width={480}
				height={280}
				className="h-auto w-full max-w-2xl rounded border border-line"
			/>
		</section>
	)
}

function WhereSignersLive({ page }: { page: Page }) {
	const { petition, places } = page
	return (
		<section aria-labelledby="places-heading" className="space-y-4">
			<h2 id="places-heading" className="text-2xl font-bold">
				{t('petitions.places.heading')}
			</h2>
			<img
				src={`/petitions/${petition.slug}/map.svg?v=${page.version}`}
				alt={t('petitions.places.mapAlt')}
				width={975}
				height={610}
				className="h-auto w-full max-w-3xl rounded border border-line"
			/>
			<MapLegend />
			<PlacesTable places={places} />
			<p className="text-sm">
				<a href={`/petitions/${petition.slug}/counts.json`}>{t('petitions.places.json')}</a>
			</p>
		</section>
	)
}

function Share({ page }: { page: Page }) {
	const { petition, url } = page
	const links = shareLinks(petition.title, url)
	const embed = `<iframe src="${page.siteUrl}/petitions/${petition.slug}/embed" title="${petition.title.replaceAll('"', '&quot;')}" width="100%" height="720" style="border:0;max-width:480px" loading="lazy"></iframe>`
	return (
		<section aria-labelledby="share-heading" className="space-y-4">
			<h2 id="share-heading" className="text-2xl font-bold">
				{t('petitions.share.heading')}
			</h2>
			<p>{t('petitions.share.lead')}</p>
			<ul className="flex flex-wrap gap-3">
				{links.map((link) => (
					<li key={link.channel}>
						<a
							href={link.href}
							rel="noopener noreferrer"
							target="_blank"
							className="inline-flex min-h-11 items-center rounded-md border border-action px-4 font-semibold no-underline"
						>
							{link.label}
							<span className="sr-only"> {t('petitions.share.newWindow')}</span>
						</a>
					</li>
				))}
			</ul>
			<div className="space-y-1">
				<label htmlFor="share-link" className="block font-semibold">
					{t('petitions.share.link')}
				</label>
				<input
					id="share-link"
					readOnly
					value={url}
					className="min-h-11 w-full max-w-xl rounded-md border border-ink-muted bg-paper-raised px-3"
				/>
			</div>
			<details className="max-w-xl">
				<summary className="cursor-pointer font-semibold">{t('petitions.share.embed')}</summary>
				<p className="mt-2 text-sm">{t('petitions.share.embedHint')}</p>
				<label htmlFor="embed-code" className="mt-2 block font-semibold">
					{t('petitions.share.embedCode')}
				</label>
				<textarea
					id="embed-code"
					readOnly
					rows={4}
					value={embed}
					className="w-full rounded-md border border-ink-muted bg-paper-raised p-2 font-mono text-sm"
				/>
			</details>
		</section>
	)
}
