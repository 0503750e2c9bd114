import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { requireChapterOrganizer, requireChapterVisitor } from '#app/auth/guards.server'
import { replyAddressFor, type ReplyAddress } from '#app/chapters/contact.server'
import { INVITATION_LIST_MAX, inviteListSchema, readInvitationList } from '#app/chapters/invitation-list'
import {
	inviteList,
	listInvitations,
	revokeInvitation,
	type InvitationListState,
	type ListedInvitation,
} from '#app/chapters/invitations.server'
import {
	approveRequest,
	declineRequest,
	isOrganizer,
	listMembers,
	removeMember,
	setRole,
	type MembershipResult,
} from '#app/chapters/members.server'
import { joinDecisionSchema, memberActionSchema } from '#app/chapters/schemas'
import { Notice } from '#app/components/choice-field'
import { ErrorSummary, SubmitButton, TextAreaField, useValidatedForm } from '#app/components/forms'
import { ButtonLink, PageHeading } from '#app/components/layout'
import { ReplyToNote } from '#app/components/reply-to-note'
import type { MessageKey } from '#app/i18n/en'
import { formatDate, t } from '#app/i18n/i18n'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { badRequest } from '#app/utils/responses.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: t('members.title', { chapter: data?.chapter.name ?? '' }) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { user, caller, chapter, membership, timeZone, headers } = await requireChapterVisitor(request, params)
	const organizer = isOrganizer(membership)
	const member = membership?.status === 'active'
	const members = member ? await listMembers(caller, chapter.id, { withContacts: organizer }) : []
	const invitations = organizer ? await listInvitations(caller, chapter.id) : []
	const replyTo = organizer ? await replyAddressFor(caller, chapter.id) : null
	return data(
		{ chapter, organizer, member, members, invitations, replyTo, me: user.id, timeZone: timeZone ?? 'America/New_York' },
		{ headers },
	)
}

const refusals: Record<Exclude<MembershipResult, { ok: true }>['reason'], MessageKey> = {
	last_organizer: 'members.refused.lastOrganizer',
	not_allowed: 'members.refused.notAllowed',
	not_found: 'members.refused.notFound',
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { user, caller, chapter, timeZone, headers } = await requireChapterOrganizer(request, params)
	const slug = chapter.slug
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	const done = (notice: string) => redirect(`/chapters/${slug}/members?notice=${notice}`, { headers })

	if (intent === 'invite') {
		const form = parseForm(formData, inviteListSchema)
		if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
		const inviter = await listMembers(caller, chapter.id, { withContacts: false }).then((rows) =>
			rows.find((row) => row.userId === user.id),
		)
		const results = await inviteList(caller, chapter, {
			entries: readInvitationList(form.data.emails),
			inviterName: inviter?.displayName ?? '',
			timeZone: timeZone ?? 'America/New_York',
		})
		if (!results) return formError({ emails: t('members.refused.notAllowed') }, { emails: form.data.emails, intent }, headers)
		// Shown on the page rather than after a redirect: the list can be long, and it is the organizer's to read once.
		return data({ invited: results }, { headers })
	}
	if (intent === 'revoke-invitation') {
		const id = String(formData.get('invitationId') ?? '')
		if (!/^[0-9a-f-]{36}$/i.test(id)) badRequest()
		await revokeInvitation(caller, chapter.id, id)
		return done('revoked')
	}

	if (intent === 'approve' || intent === 'decline') {
		const form = parseForm(formData, joinDecisionSchema)
		if (!form.success) {
			if (!form.failure.values.userId) badRequest()
			return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
		}
		const decide = intent === 'approve' ? approveRequest : declineRequest
		const result = await decide(caller, chapter, form.data.userId, form.data.message)
		if (!result.ok) return formError({ form: t(refusals[result.reason]) }, { intent }, headers)
		return done(intent)
	}

	const target = parseForm(formData, memberActionSchema)
	if (!target.success) badRequest()
	const { userId } = target.data
	const run: Record<string, () => Promise<MembershipResult>> = {
		promote: () => setRole(caller, chapter.id, userId, 'organizer'),
		demote: () => setRole(caller, chapter.id, userId, 'member'),
		remove: () => removeMember(caller, chapter.id, userId),
	}
	const change = run[intent]
	if (!change) badRequest('Unknown action')
	const result = await change()
	if (!result.ok) return formError({ form: t(refusals[result.reason]) }, { intent }, headers)
	// Stepping down or removing yourself leaves this page to the other organizers.
	if (userId === user.id && (intent === 'demote' || intent === 'remove'))
		return redirect(`/chapters/${slug}?notice=${intent === 'remove' ? 'left' : 'steppedDown'}`, { headers })
	return done(intent)
}

const notices: Record<string, MessageKey> = {
	approve: 'members.notice.approved',
	decline: 'members.notice.declined',
	promote: 'members.notice.promoted',
	demote: 'members.notice.demoted',
	remove: 'members.notice.removed',
	revoked: 'members.notice.revoked',
}

export default function Members() {
	const { chapter, organizer, member, members, invitations, replyTo, me, timeZone } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const notice = params.get('notice')
	const active = members.filter((row) => row.status === 'active')
	const pending = members.filter((row) => row.status === 'pending')
	const problem = actionData && 'errors' in actionData && actionData.values.intent !== 'invite' ? actionData.errors.form : undefined

	return (
		<div className="space-y-10">
			<p>
				<Link to={`/chapters/${chapter.slug}`}>← {chapter.name}</Link>
			</p>
			<PageHeading lead={organizer ? t('members.lead.organizer') : t('members.lead.member')}>{t('members.heading')}</PageHeading>
			{notice && notices[notice] ? <Notice>{t(notices[notice])}</Notice> : null}
			{problem ? <Notice tone="problem">{problem}</Notice> : null}

			{!member ? (
				<div className="space-y-3">
					<p>{t('members.membersOnly')}</p>
					<ButtonLink to={`/chapters/${chapter.slug}`}>{t('members.goJoin')}</ButtonLink>
				</div>
			) : null}

			{organizer ? (
				<section aria-labelledby="requests-heading" className="space-y-4">
					<h2 id="requests-heading" className="text-2xl font-bold">
						{t('members.requests.heading', { count: pending.length })}
					</h2>
					{pending.length === 0 ? (
						<p>{chapter.visibility === 'private' ? t('members.requests.empty') : t('members.requests.emptyPublic')}</p>
					) : (
						<ul className="space-y-3">
							{pending.map((row) => (
								<RequestRow key={row.userId} row={row} timeZone={timeZone} />
							))}
						</ul>
					)}
				</section>
			) : null}

			{organizer ? (
				<InviteSection invitations={invitations} timeZone={timeZone} replyTo={replyTo} editUrl={`/chapters/${chapter.slug}/edit`} />
			) : null}

			{member ? (
				<section aria-labelledby="list-heading" className="space-y-4">
					<h2 id="list-heading" className="text-2xl font-bold">
						{t('members.list.heading', { count: active.length })}
					</h2>
					<ul className="divide-y divide-line rounded-lg border border-line bg-paper-raised">
						{active.map((row) => (
							<li key={row.userId} className="flex flex-wrap items-center justify-between gap-3 p-4">
								<div>
									<p className="font-semibold">
										{row.displayName || t('members.noName')}
										{row.userId === me ? ` ${t('members.you')}` : ''}
									</p>
									<p className="text-sm text-ink-muted">
										{t(`members.role.${row.role}`)}
										{organizer && row.email ? ` · ${row.email}` : ''}
										{organizer ? ` · ${t('members.since', { date: formatDate(row.since, 'en', timeZone) })}` : ''}
									</p>
								</div>
								{organizer ? (
									<div className="flex flex-wrap gap-3">
										{row.role === 'member' ? (
											<MemberButton
												intent="promote"
												userId={row.userId}
												label={t('members.promote', { name: row.displayName })}
												text={t('members.promote.short')}
											/>
										) : (
											<MemberButton
												intent="demote"
												userId={row.userId}
												label={t('members.demote', { name: row.displayName })}
												text={t('members.demote.short')}
											/>
										)}
										<MemberButton
											intent="remove"
											userId={row.userId}
											danger
											label={t('members.remove', { name: row.displayName })}
											text={t('members.remove.short')}
										/>
									</div>
								) : null}
							</li>
						))}
					</ul>
					{organizer ? <p className="text-sm text-ink-muted">{t('members.contactNote')}</p> : null}
				</section>
			) : null}

			{organizer ? (
				<p>
					<Link to={`/chapters/${chapter.slug}/audit`}>{t('members.auditLink')}</Link>
				</p>
			) : null}
		</div>
	)
}

/**
 * One request to join: who asked, their note (as text), and approve or
 * decline with an optional message that goes in the email to them.
 */
function RequestRow({
	row,
	timeZone,
}: {
	row: { userId: string; displayName: string; email: string | null; since: Date | string; requestNote: string | null }
	timeZone: string
}) {
	const actionData = useActionData<typeof action>()
	const failure =
		actionData && 'errors' in actionData && 'userId' in actionData.values && actionData.values.userId === row.userId
			? actionData
			: undefined
	const { register, errors } = useValidatedForm(joinDecisionSchema, failure, { userId: row.userId })
	const messageId = `message-${row.userId}`
	return (
		<li className="space-y-3 rounded-lg border border-line bg-paper-raised p-4">
			<div>
				<p className="font-semibold">{row.displayName || t('members.noName')}</p>
				<p className="text-sm text-ink-muted">
					{row.email} · {t('members.requests.asked', { date: formatDate(row.since, 'en', timeZone) })}
				</p>
			</div>
			{row.requestNote ? (
				<div>
					<p className="text-sm font-semibold">{t('members.requests.note')}</p>
					<p className="whitespace-pre-wrap">{row.requestNote}</p>
				</div>
			) : null}
			<Form method="post" className="space-y-3">
				<input type="hidden" name="userId" value={row.userId} />
				<TextAreaField
					name="message"
					id={messageId}
					label={t('members.decision.message')}
					hint={t('members.decision.messageHint')}
					error={errors.message}
					register={register}
					rows={2}
					maxLength={1000}
				/>
				<div className="flex flex-wrap gap-3">
					<button
						type="submit"
						name="intent"
						value="approve"
						aria-label={t('members.approve', { name: row.displayName })}
						className="min-h-11 rounded-md bg-action px-4 font-semibold text-white hover:bg-action-hover"
					>
						{t('members.approve.short')}
					</button>
					<button
						type="submit"
						name="intent"
						value="decline"
						aria-label={t('members.decline', { name: row.displayName })}
						className="min-h-11 rounded-md border-2 border-action px-4 font-semibold text-action"
					>
						{t('members.decline.short')}
					</button>
				</div>
			</Form>
		</li>
	)
}

function MemberButton({
	intent,
	userId,
	label,
	text,
	primary,
	danger,
}: {
	intent: string
	userId: string
	label: string
	text: string
	primary?: boolean
	danger?: boolean
}) {
	const tone = primary
		? 'bg-action text-white hover:bg-action-hover'
		: danger
			? 'border-2 border-alert text-alert'
			: 'border-2 border-action text-action'
	return (
		<Form method="post">
			<input type="hidden" name="userId" value={userId} />
			<button type="submit" name="intent" value={intent} aria-label={label} className={`min-h-11 rounded-md px-4 font-semibold ${tone}`}>
				{text}
			</button>
		</Form>
	)
}

function InviteSection({
	invitations,
	timeZone,
	replyTo,
	editUrl,
}: {
	invitations: Array<{ id: string; email: string; expiresAt: Date; state: InvitationListState }>
	timeZone: string
	replyTo: ReplyAddress
	editUrl: string
}) {
	const actionData = useActionData<typeof action>()
	const failure = actionData && 'errors' in actionData && actionData.values.intent === 'invite' ? actionData : undefined
	const results = actionData && 'invited' in actionData ? actionData.invited : undefined
	const { register, errors, onSubmit } = useValidatedForm(inviteListSchema, failure)
	return (
		<section aria-labelledby="invite-heading" className="space-y-4">
			<h2 id="invite-heading" className="text-2xl font-bold">
				{t('members.invite.heading')}
			</h2>
			{results ? <InviteResults results={results} /> : null}
			<ErrorSummary errors={errors} labels={{ emails: t('members.invite.email') }} />
			<Form method="post" noValidate onSubmit={onSubmit} className="max-w-xl space-y-4">
				<input type="hidden" name="intent" value="invite" />
				<TextAreaField
					name="emails"
					label={t('members.invite.email')}
					hint={t('members.invite.hint', { max: INVITATION_LIST_MAX })}
					error={errors.emails}
					register={register}
					rows={4}
					maxLength={20000}
					autoComplete="off"
				/>
				<ReplyToNote replyTo={replyTo} editUrl={editUrl} />
				<SubmitButton>{t('members.invite.submit')}</SubmitButton>
			</Form>
			{invitations.length > 0 ? (
				<>
					<h3 className="text-lg font-semibold">{t('members.invitations.heading')}</h3>
					<ul className="space-y-2">
						{invitations.map((invitation) => (
							<li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2">
								<span>
									{invitation.email} —{' '}
									{t(`members.invitations.state.${invitation.state}`, { date: formatDate(invitation.expiresAt, 'en', timeZone) })}
								</span>
								{invitation.state === 'open' ? (
									<Form method="post">
										<input type="hidden" name="invitationId" value={invitation.id} />
										<button
											type="submit"
											name="intent"
											value="revoke-invitation"
											aria-label={t('members.invitations.revoke', { email: invitation.email })}
											className="min-h-11 font-semibold text-action underline"
										>
											{t('members.invitations.revoke.short')}
										</button>
									</Form>
								) : null}
							</li>
						))}
					</ul>
				</>
			) : null}
		</section>
	)
}

/** After sending a list: each address and what happened to it, so the organizer can follow up. */
function InviteResults({ results }: { results: ListedInvitation[] }) {
	const invited = results.filter((result) => result.outcome === 'invited').length
	return (
		<div role="status" className="space-y-2 rounded-lg border-2 border-action bg-paper-raised p-4 [overflow-wrap:anywhere]">
			<h3 className="text-lg font-semibold">{t('members.invite.results.heading')}</h3>
			<p>{t('members.invite.results.summary', { invited })}</p>
			<ul className="list-disc space-y-1 pl-6">
				{results.map((result, index) => (
					<li key={`${index}:${result.address}`}>
						<span className="font-semibold">{result.address}</span>: {t(`members.invite.result.${result.outcome}`)}
					</li>
				))}
			</ul>
		</div>
	)
}
