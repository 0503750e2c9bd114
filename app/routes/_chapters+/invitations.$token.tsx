import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { optionalUser, requireUser } from '#app/auth/guards.server'
import { acceptInvitation, previewInvitation, type AcceptOutcome } from '#app/chapters/invitations.server'
import { Notice } from '#app/components/choice-field'
import { SubmitButton } from '#app/components/forms'
import { ButtonLink, PageHeading } from '#app/components/layout'
import type { MessageKey } from '#app/i18n/en'
import { formatDate, t } from '#app/i18n/i18n'
import { formError, requireSameOrigin } from '#app/utils/forms.server'

export const meta: MetaFunction = () => [{ title: t('invitation.title') }, { name: 'robots', content: 'noindex' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const token = params.token ?? ''
	const { user, caller, headers } = await optionalUser(request)
	const invitation = await previewInvitation(caller, token)
	return data({ invitation, signedIn: user !== null, token }, { status: invitation ? 200 : 404, headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const token = params.token ?? ''
	const { caller, headers } = await requireUser(request)
	const result = await acceptInvitation(caller, token)
	if (result.outcome === 'accepted' && result.chapterSlug) return redirect(`/chapters/${result.chapterSlug}?notice=welcome`, { headers })
	if (result.outcome === 'already_member' && result.chapterSlug)
		return redirect(`/chapters/${result.chapterSlug}?notice=already`, { headers })
	// Accepted with no chapter to go to cannot happen (the chapter is the invitation's); say what is true: there is nothing to accept.
	const refusal = result.outcome === 'accepted' || result.outcome === 'already_member' ? 'not_found' : result.outcome
	return formError({ form: t(refusals[refusal]) }, {}, headers)
}

const refusals: Record<Exclude<AcceptOutcome, 'accepted' | 'already_member'>, MessageKey> = {
	used: 'invitation.used',
	revoked: 'invitation.revoked',
	expired: 'invitation.expired',
	not_found: 'invitation.notFound',
}

export default function Invitation() {
	const { invitation, signedIn: isSignedIn, token } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const here = encodeURIComponent(`/invitations/${token}`)
	const refused = actionData?.errors.form
	if (!invitation) {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading>{t('invitation.notFound.heading')}</PageHeading>
				<p>{t('invitation.notFound')}</p>
				<Link to="/chapters">{t('error.seeChapters')}</Link>
			</div>
		)
	}
	const state = refused ? null : invitation.state
	return (
		<div className="max-w-prose space-y-6">
			<PageHeading>{t('invitation.heading', { chapter: invitation.chapterName })}</PageHeading>
			{refused ? <Notice tone="problem">{refused}</Notice> : null}
			{state && state !== 'valid' ? <Notice tone="problem">{t(refusals[state])}</Notice> : null}
			{state === 'valid' ? (
				<>
					<p className="text-lg">
						{t('invitation.body', { inviter: invitation.invitedByName || t('chapter.anOrganizer'), chapter: invitation.chapterName })}
					</p>
					<p className="text-sm text-ink-muted">{t('invitation.expires', { date: formatDate(invitation.expiresAt) })}</p>
					{isSignedIn ? (
						<Form method="post">
							<SubmitButton>{t('invitation.accept')}</SubmitButton>
						</Form>
					) : (
						<div className="space-y-3">
							<p>{t('invitation.signInFirst')}</p>
							<div className="flex flex-wrap items-center gap-4">
								<ButtonLink to={`/signin?redirectTo=${here}`}>{t('invitation.signIn')}</ButtonLink>
								<Link to={`/signup?redirectTo=${here}${invitation.email ? `&email=${encodeURIComponent(invitation.email)}` : ''}`}>
									{t('invitation.signUp')}
								</Link>
							</div>
						</div>
					)}
				</>
			) : (
				<p>
					{t('invitation.askAgain')}{' '}
					<Link to={`/chapters/${invitation.chapterSlug}`}>{t('invitation.visitChapter', { chapter: invitation.chapterName })}</Link>
				</p>
			)}
		</div>
	)
}
