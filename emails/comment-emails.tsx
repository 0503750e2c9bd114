import { Button, Heading, Hr, Link, Section, Text } from '@react-email/components'
import { formatDateTime, t } from '#app/i18n/i18n'
import { EmailLayout, emailStyles } from './components/email-layout'

// Comment drives (docs/decisions/054): the writer's confirmation link, their
// copy with the link to report a comment filed in their name, the clerk's
// copy (one comment, or a day's packet), a sign-on letter with its signers,
// and the organizers' note that a report is waiting.

const quote = { ...emailStyles.paragraph, whiteSpace: 'pre-wrap' as const, borderLeft: '4px solid #cbd5e1', paddingLeft: '12px' }

export type CommentConfirmEmailProps = {
	name: string
	driveTitle: string
	bodyName: string
	deadline: string
	timeZone: string
	comment: string
	again: boolean
	signOn: boolean
	confirmUrl: string
	commentUrl: string
	reportUrl: string
}

export function commentConfirmSubject(props: CommentConfirmEmailProps) {
	return t(props.signOn ? 'comments.email.confirm.subjectSignOn' : 'comments.email.confirm.subject', { title: props.driveTitle })
}

export function CommentConfirmEmail(props: CommentConfirmEmailProps) {
	return (
		<EmailLayout preview={t('comments.email.confirm.preview', { body: props.bodyName })} footer={t('comments.email.confirm.notYou')}>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{t('comments.email.confirm.heading')}
			</Heading>
			<Text style={emailStyles.paragraph}>
				{t(props.signOn ? 'comments.email.confirm.bodySignOn' : 'comments.email.confirm.body', {
					name: props.name,
					body: props.bodyName,
					deadline: formatDateTime(props.deadline, props.timeZone),
				})}
			</Text>
			{props.again ? <Text style={emailStyles.paragraph}>{t('comments.email.confirm.again')}</Text> : null}
			<Button href={props.confirmUrl} style={emailStyles.button}>
				{t(props.signOn ? 'comments.email.confirm.buttonSignOn' : 'comments.email.confirm.button')}
			</Button>
			<Text style={emailStyles.small}>
				<Link href={props.confirmUrl}>{props.confirmUrl}</Link>
			</Text>
			<Hr />
			<Text style={emailStyles.small}>{t('comments.email.confirm.yourText')}</Text>
			<Text style={quote}>{props.comment}</Text>
		</EmailLayout>
	)
}

CommentConfirmEmail.PreviewProps = {
	name: 'Dana Whitfield',
	driveTitle: 'Tell the Planning Commission what the rezoning means for you',
	bodyName: 'Loudoun County Planning Commission',
	deadline: '2026-12-08T22:00:00Z',
	timeZone: 'America/New_York',
	comment: 'Our well is 400 feet from the site.',
	again: false,
	signOn: false,
	confirmUrl: 'http://localhost:3000/comments/confirm?token=preview',
	commentUrl: 'http://localhost:3000/comments/mine?token=preview',
	reportUrl: 'http://localhost:3000/comments/mine?token=preview#report',
} satisfies CommentConfirmEmailProps

export type CommentCopyEmailProps = {
	name: string
	driveTitle: string
	bodyName: string
	comment: string
	confirmUrl: string
	commentUrl: string
	reportUrl: string
}

export function commentCopySubject(props: CommentCopyEmailProps) {
	return t('comments.email.copy.subject', { body: props.bodyName })
}

export function CommentCopyEmail(props: CommentCopyEmailProps) {
	return (
		<EmailLayout preview={t('comments.email.copy.preview')} footer={t('comments.email.copy.footer')}>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{t('comments.email.copy.heading')}
			</Heading>
			<Text style={emailStyles.paragraph}>{t('comments.email.copy.body', { name: props.name, body: props.bodyName })}</Text>
			<Text style={quote}>{props.comment}</Text>
			<Button href={props.commentUrl} style={emailStyles.button}>
				{t('comments.email.copy.button')}
			</Button>
			<Text style={emailStyles.small}>
				<Link href={props.commentUrl}>{props.commentUrl}</Link>
			</Text>
			<Hr />
			<Text style={emailStyles.paragraph}>
				{t('comments.email.copy.notYou')} <Link href={props.reportUrl}>{t('comments.email.copy.report')}</Link>
			</Text>
		</EmailLayout>
	)
}

CommentCopyEmail.PreviewProps = {
	name: 'Dana Whitfield',
	driveTitle: 'Tell the Planning Commission what the rezoning means for you',
	bodyName: 'Loudoun County Planning Commission',
	comment: 'Our well is 400 feet from the site.',
	confirmUrl: 'http://localhost:3000/comments/confirm?token=preview',
	commentUrl: 'http://localhost:3000/comments/mine?token=preview',
	reportUrl: 'http://localhost:3000/comments/mine?token=preview#report',
} satisfies CommentCopyEmailProps

export type ClerkComment = {
	name: string | null
	organization: string | null
	address: string | null
	confirmedEmail: string | null
	confirmedAt: string | null
	body: string
}

export type CommentToClerkEmailProps = {
	clerkName: string | null
	bodyName: string
	driveTitle: string
	caseNumber: string | null
	proceedingTitle: string | null
	timeZone: string
	comments: ClerkComment[]
}

export function commentToClerkSubject(props: CommentToClerkEmailProps) {
	const matter = props.caseNumber ?? props.proceedingTitle ?? props.driveTitle
	const [only] = props.comments
	return props.comments.length === 1 && only
		? t('comments.email.clerk.subject', { matter, name: only.name ?? t('comments.anonymous') })
		: t('comments.email.clerk.subjectPacket', { matter, count: props.comments.length })
}

export function CommentToClerkEmail(props: CommentToClerkEmailProps) {
	const matter = [props.caseNumber, props.proceedingTitle].filter(Boolean).join(' — ') || props.driveTitle
	return (
		<EmailLayout preview={commentToClerkSubject(props)} footer={t('comments.email.clerk.footer')}>
			<Text style={emailStyles.paragraph}>
				{props.clerkName
					? t('comments.email.clerk.greeting', { name: props.clerkName })
					: t('comments.email.clerk.greetingBody', { body: props.bodyName })}
			</Text>
			<Text style={emailStyles.paragraph}>{t('comments.email.clerk.intro', { count: props.comments.length, matter })}</Text>
			{props.comments.map((comment, index) => (
				<Section key={index}>
					<Hr />
					<Heading as="h2" style={{ fontSize: '18px', margin: '0 0 8px' }}>
						{t('comments.email.clerk.heading', { matter, name: comment.name ?? t('comments.anonymous') })}
					</Heading>
					<Text style={quote}>{comment.body}</Text>
					<Text style={emailStyles.small}>
						{[
							comment.name ? t('comments.email.clerk.from', { name: comment.name }) : t('comments.anonymous'),
							comment.organization,
							comment.address,
							comment.confirmedEmail && comment.confirmedAt
								? t('comments.email.clerk.confirmed', {
										email: comment.confirmedEmail,
										when: formatDateTime(comment.confirmedAt, props.timeZone),
									})
								: null,
						]
							.filter(Boolean)
							.join(' · ')}
					</Text>
				</Section>
			))}
		</EmailLayout>
	)
}

CommentToClerkEmail.PreviewProps = {
	clerkName: 'Clerk to the Commission',
	bodyName: 'Loudoun County Planning Commission',
	driveTitle: 'Tell the Planning Commission what the rezoning means for you',
	caseNumber: 'LEGI-2023-0052',
	proceedingTitle: 'Rezoning',
	timeZone: 'America/New_York',
	comments: [
		{
			name: 'Dana Whitfield',
			organization: null,
			address: 'Ashburn, VA, 20147',
			confirmedEmail: 'dana@example.org',
			confirmedAt: '2026-12-01T15:00:00Z',
			body: 'Our well is 400 feet from the site.',
		},
	],
} satisfies CommentToClerkEmailProps

export type CommentSignOnLetterEmailProps = {
	clerkName: string | null
	bodyName: string
	driveTitle: string
	caseNumber: string | null
	proceedingTitle: string | null
	letter: string
	signers: Array<{ name: string; organization: string | null; place: string | null }>
}

export function commentSignOnLetterSubject(props: CommentSignOnLetterEmailProps) {
	return t('comments.email.letter.subject', {
		matter: props.caseNumber ?? props.proceedingTitle ?? props.driveTitle,
		count: props.signers.length,
	})
}

export function CommentSignOnLetterEmail(props: CommentSignOnLetterEmailProps) {
	return (
		<EmailLayout preview={commentSignOnLetterSubject(props)} footer={t('comments.email.clerk.footer')}>
			<Text style={emailStyles.paragraph}>
				{props.clerkName
					? t('comments.email.clerk.greeting', { name: props.clerkName })
					: t('comments.email.clerk.greetingBody', { body: props.bodyName })}
			</Text>
			<Text style={quote}>{props.letter}</Text>
			<Hr />
			<Heading as="h2" style={{ fontSize: '18px', margin: '0 0 8px' }}>
				{t('comments.email.letter.signers', { count: props.signers.length })}
			</Heading>
			{props.signers.map((signer, index) => (
				<Text key={index} style={{ ...emailStyles.paragraph, margin: '0 0 4px' }}>
					{[signer.name, signer.organization, signer.place].filter(Boolean).join(', ')}
				</Text>
			))}
		</EmailLayout>
	)
}

CommentSignOnLetterEmail.PreviewProps = {
	clerkName: null,
	bodyName: 'Loudoun County Planning Commission',
	driveTitle: 'Residents’ letter',
	caseNumber: null,
	proceedingTitle: 'Rezoning',
	letter: 'We, the undersigned residents…',
	signers: [{ name: 'Dana Whitfield', organization: null, place: 'Ashburn, VA' }],
} satisfies CommentSignOnLetterEmailProps

export type CommentReportEmailProps = { driveTitle: string; heldCount: number; reviewUrl: string }

export function commentReportSubject(props: CommentReportEmailProps) {
	return t('comments.email.report.subject', { title: props.driveTitle })
}

export function CommentReportEmail(props: CommentReportEmailProps) {
	return (
		<EmailLayout preview={commentReportSubject(props)} footer={t('comments.email.report.footer')}>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{t('comments.email.report.heading')}
			</Heading>
			<Text style={emailStyles.paragraph}>{t('comments.email.report.body', { title: props.driveTitle, count: props.heldCount })}</Text>
			<Button href={props.reviewUrl} style={emailStyles.button}>
				{t('comments.email.report.button')}
			</Button>
			<Text style={emailStyles.small}>
				<Link href={props.reviewUrl}>{props.reviewUrl}</Link>
			</Text>
		</EmailLayout>
	)
}

CommentReportEmail.PreviewProps = {
	driveTitle: 'Tell the Planning Commission what the rezoning means for you',
	heldCount: 1,
	reviewUrl: 'http://localhost:3000/comments/example/manage#reports',
} satisfies CommentReportEmailProps
