import { Button, Heading, Hr, Link, Section, Text } from '@react-email/components'
import { t } from '#app/i18n/i18n'
import { Markdown } from '#app/markdown/markdown'
import { markdownTree } from '#app/markdown/markdown.server'
import { EmailLayout, emailStyles } from './components/email-layout'

// ---------------------------------------------------------------- invitation

export type ChapterInvitationEmailProps = {
	chapterName: string
	inviterName: string
	acceptUrl: string
	/** The last day the link works, written out in the inviter's time zone. */
	expiresOn: string
}

export function chapterInvitationSubject(props: ChapterInvitationEmailProps) {
	return t('email.invitation.subject', { chapter: props.chapterName })
}

/** "Marcus invited you to join Monroe County Land and Water": one link that works once. */
export function ChapterInvitationEmail({ chapterName, inviterName, acceptUrl, expiresOn }: ChapterInvitationEmailProps) {
	return (
		<EmailLayout preview={t('email.invitation.preview', { chapter: chapterName })} footer={t('email.invitation.footer')}>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{t('email.invitation.heading', { chapter: chapterName })}
			</Heading>
			<Text style={emailStyles.paragraph}>
				{t('email.invitation.body', { inviter: inviterName || t('email.invitation.anOrganizer'), chapter: chapterName })}
			</Text>
			<Button href={acceptUrl} style={emailStyles.button}>
				{t('email.invitation.button')}
			</Button>
			<Text style={emailStyles.small}>
				<Link href={acceptUrl}>{acceptUrl}</Link>
			</Text>
			<Text style={emailStyles.small}>{t('email.invitation.expires', { date: expiresOn })}</Text>
			<Text style={emailStyles.small}>{t('email.invitation.ignore')}</Text>
		</EmailLayout>
	)
}

ChapterInvitationEmail.PreviewProps = {
	chapterName: 'Monroe County Land and Water',
	inviterName: 'Marcus Bell',
	acceptUrl: 'http://localhost:3000/invitations/0123456789abcdefghijklmnopqrstuvwxyzABCDE',
	expiresOn: 'Tuesday, December 8, 2026',
} satisfies ChapterInvitationEmailProps

// ---------------------------------------------------------------- an update

export type ChapterUpdateEmailProps = {
	chapterName: string
	authorName: string
	title: string
	/** Markdown, rendered through the same whitelist as the chapter page. */
	body: string
	updateUrl: string
	chapterUrl: string
	/** The recipient's own one-click unsubscribe link (a batch slot). */
	unsubscribeUrl: string
}

export function chapterUpdateSubject(props: ChapterUpdateEmailProps) {
	return t('email.update.subject', { chapter: props.chapterName, title: props.title })
}

/** An organizer's update, to each member who wants every one. */
export function ChapterUpdateEmail({
	chapterName,
	authorName,
	title,
	body,
	updateUrl,
	chapterUrl,
	unsubscribeUrl,
}: ChapterUpdateEmailProps) {
	return (
		<EmailLayout preview={title} footer={t('email.update.footer', { chapter: chapterName })}>
			<Text style={emailStyles.small}>
				{t('email.update.from', { chapter: chapterName, author: authorName || t('email.invitation.anOrganizer') })}
			</Text>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{title}
			</Heading>
			<Section style={emailStyles.paragraph}>
				<Markdown tree={markdownTree(body)} headingLevel={3} />
			</Section>
			<Button href={updateUrl} style={emailStyles.button}>
				{t('email.update.button')}
			</Button>
			<UnsubscribeFooter chapterName={chapterName} chapterUrl={chapterUrl} unsubscribeUrl={unsubscribeUrl} />
		</EmailLayout>
	)
}

ChapterUpdateEmail.PreviewProps = {
	chapterName: 'Loudoun Residents for Responsible Siting',
	authorName: 'Priya Raman',
	title: 'Written comments close Thursday at 5 pm',
	body: 'The Board of Supervisors takes **written comments** on the Amazon campus until Thursday at 5 pm.\n\n- Say where you live\n- Say one thing that worries you\n\n[Comment form](https://www.loudoun.gov/)',
	updateUrl: 'http://localhost:3000/chapters/loudoun-residents-for-responsible-siting/updates/00000000-0000-4000-8000-000000000000',
	chapterUrl: 'http://localhost:3000/chapters/loudoun-residents-for-responsible-siting',
	unsubscribeUrl: 'http://localhost:3000/unsubscribe/00000000-0000-4000-8000-000000000000',
} satisfies ChapterUpdateEmailProps

// ---------------------------------------------------------------- weekly digest

export type ChapterDigestEmailProps = {
	chapterName: string
	/** "November 30, 2026". */
	weekOf: string
	updates: Array<{ title: string; body: string; url: string; postedOn: string }>
	chapterUrl: string
	unsubscribeUrl: string
}

export function chapterDigestSubject(props: ChapterDigestEmailProps) {
	return t('email.digest.subject', { chapter: props.chapterName, count: props.updates.length, date: props.weekOf })
}

/** The week's updates in one email, for members who chose a weekly digest. */
export function ChapterDigestEmail({ chapterName, weekOf, updates, chapterUrl, unsubscribeUrl }: ChapterDigestEmailProps) {
	return (
		<EmailLayout preview={t('email.digest.preview', { count: updates.length })} footer={t('email.digest.footer', { chapter: chapterName })}>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{t('email.digest.heading', { chapter: chapterName, date: weekOf })}
			</Heading>
			{updates.map((update) => (
				<Section key={update.url}>
					<Heading as="h2" style={{ fontSize: '18px', margin: '16px 0 4px' }}>
						<Link href={update.url}>{update.title}</Link>
					</Heading>
					<Text style={emailStyles.small}>{update.postedOn}</Text>
					<Markdown tree={markdownTree(update.body)} headingLevel={3} />
					<Hr />
				</Section>
			))}
			<UnsubscribeFooter chapterName={chapterName} chapterUrl={chapterUrl} unsubscribeUrl={unsubscribeUrl} />
		</EmailLayout>
	)
}

ChapterDigestEmail.PreviewProps = {
	chapterName: 'Tucson Water Watch',
	weekOf: 'November 23, 2026',
	updates: [
		{
			title: 'Council study session Tuesday',
			body: 'The council talks about **data-center water use** on Tuesday.',
			url: 'http://localhost:3000/chapters/tucson-water-watch/updates/1',
			postedOn: 'November 24, 2026',
		},
	],
	chapterUrl: 'http://localhost:3000/chapters/tucson-water-watch',
	unsubscribeUrl: 'http://localhost:3000/unsubscribe/00000000-0000-4000-8000-000000000000',
} satisfies ChapterDigestEmailProps

function UnsubscribeFooter({
	chapterName,
	chapterUrl,
	unsubscribeUrl,
}: {
	chapterName: string
	chapterUrl: string
	unsubscribeUrl: string
}) {
	return (
		<>
			<Text style={emailStyles.small}>
				{t('email.update.why', { chapter: chapterName })} <Link href={chapterUrl}>{t('email.update.settings')}</Link>
			</Text>
			<Text style={emailStyles.small}>
				{t('email.update.stop')} <Link href={unsubscribeUrl}>{unsubscribeUrl}</Link>
			</Text>
		</>
	)
}

// ---------------------------------------------------------------- join requests (docs/decisions/077)

export type JoinRequestEmailProps = {
	chapterName: string
	/** The person who asked; empty when they have not set a name. */
	requesterName: string
	/** Their note, plain text (shown as text, never as Markdown or HTML). */
	note: string
	/** Requests after the first of the day that this digest sums up; 0 for the first request's own email. */
	laterCount: number
	membersUrl: string
}

export function joinRequestSubject(props: JoinRequestEmailProps) {
	return props.laterCount > 0
		? t('email.joinRequest.digestSubject', { chapter: props.chapterName, count: props.laterCount })
		: t('email.joinRequest.subject', { chapter: props.chapterName })
}

/** To each organizer: the first request of the day at once, later ones of that day summed up the next morning. */
export function JoinRequestEmail({ chapterName, requesterName, note, laterCount, membersUrl }: JoinRequestEmailProps) {
	const name = requesterName || t('email.joinRequest.someone')
	return (
		<EmailLayout
			preview={joinRequestSubject({ chapterName, requesterName, note, laterCount, membersUrl })}
			footer={t('email.joinRequest.footer')}
		>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{laterCount > 0
					? t('email.joinRequest.digestHeading', { chapter: chapterName, count: laterCount })
					: t('email.joinRequest.heading', { name, chapter: chapterName })}
			</Heading>
			{laterCount === 0 && note ? (
				<Section>
					<Text style={emailStyles.small}>{t('email.joinRequest.noteLabel')}</Text>
					<Text style={{ ...emailStyles.paragraph, whiteSpace: 'pre-wrap' }}>{note}</Text>
				</Section>
			) : null}
			<Button href={membersUrl} style={emailStyles.button}>
				{t('email.joinRequest.button')}
			</Button>
		</EmailLayout>
	)
}

JoinRequestEmail.PreviewProps = {
	chapterName: 'Monroe County Land and Water',
	requesterName: 'Nguyễn Thị Lan',
	note: 'I live on Ridge Road and went to the March hearing.',
	laterCount: 0,
	membersUrl: 'http://localhost:3000/chapters/monroe-county-land-and-water/members',
} satisfies JoinRequestEmailProps

export type JoinDecisionEmailProps = {
	chapterName: string
	decision: 'approved' | 'declined'
	/** The organizer's optional message, plain text. */
	message: string
	chapterUrl: string
}

export function joinDecisionSubject(props: JoinDecisionEmailProps) {
	return t(props.decision === 'approved' ? 'email.joinDecision.approvedSubject' : 'email.joinDecision.declinedSubject', {
		chapter: props.chapterName,
	})
}

/** To the person who asked: the organizers' decision, with their message. */
export function JoinDecisionEmail(props: JoinDecisionEmailProps) {
	const approved = props.decision === 'approved'
	return (
		<EmailLayout preview={joinDecisionSubject(props)} footer={t('email.joinDecision.footer')}>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{joinDecisionSubject(props)}
			</Heading>
			<Text style={emailStyles.paragraph}>
				{t(approved ? 'email.joinDecision.approvedBody' : 'email.joinDecision.declinedBody', { chapter: props.chapterName })}
			</Text>
			{props.message ? (
				<Section>
					<Text style={emailStyles.small}>{t('email.joinDecision.messageLabel')}</Text>
					<Text style={{ ...emailStyles.paragraph, whiteSpace: 'pre-wrap' }}>{props.message}</Text>
				</Section>
			) : null}
			{approved ? (
				<Button href={props.chapterUrl} style={emailStyles.button}>
					{t('email.joinDecision.button')}
				</Button>
			) : null}
		</EmailLayout>
	)
}

JoinDecisionEmail.PreviewProps = {
	chapterName: 'Monroe County Land and Water',
	decision: 'approved',
	message: 'Welcome! Our next meeting is Thursday at the library.',
	chapterUrl: 'http://localhost:3000/chapters/monroe-county-land-and-water',
} satisfies JoinDecisionEmailProps
