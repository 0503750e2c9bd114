import { Button, Heading, Link, Text } from '@react-email/components'
import { t } from '#app/i18n/i18n'
import { EmailLayout, emailStyles } from './components/email-layout'

/**
 * Email to someone who follows a project (docs/decisions/048):
 *   confirm   the link that starts reminders for an email-only follower
 *   already   "you already follow this": nothing changed
 *   reminder  a deadline is coming: what, when, how to take part
 *   changed   a date moved
 *   decided   a decision was recorded
 *   digest    the week's summary, for followers who asked for one
 */
export type FollowEmailProps = {
	kind: 'confirm' | 'already' | 'reminder' | 'changed' | 'decided' | 'digest'
	projectName: string
	projectUrl: string
	confirmUrl: string
	unsubscribeUrl: string
	proceeding?: string
	what?: string
	when?: string
	relative?: string
	how?: string
	from?: string
	to?: string
	outcome?: string
	items?: Array<{ what: string; when: string; proceeding: string }>
}

export function followEmailSubject(props: FollowEmailProps) {
	const name = props.projectName
	switch (props.kind) {
		case 'confirm':
			return t('follow.email.confirm.subject', { name })
		case 'already':
			return t('follow.email.already.subject', { name })
		case 'reminder':
			return t('follow.email.reminder.subject', { what: props.what ?? '', when: props.when ?? '', name })
		case 'changed':
			return t('follow.email.changed.subject', { what: props.what ?? '', name })
		case 'decided':
			return t('follow.email.decided.subject', { proceeding: props.proceeding ?? '', name })
		case 'digest':
			return t('follow.email.digest.subject', { name, count: props.items?.length ?? 0 })
	}
}

export function FollowEmail(props: FollowEmailProps) {
	const { kind, projectName: name, projectUrl } = props
	const footer =
		kind === 'confirm' || kind === 'already'
			? t('follow.email.confirm.notYou')
			: t('follow.email.footer', { name, url: props.unsubscribeUrl })
	const preview =
		kind === 'confirm'
			? t('follow.email.confirm.preview')
			: kind === 'already'
				? t('follow.email.already.preview')
				: kind === 'reminder'
					? t('follow.email.reminder.preview', { what: props.what ?? '', relative: props.relative ?? '' })
					: followEmailSubject(props)
	return (
		<EmailLayout preview={preview} footer={footer}>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{kind === 'confirm'
					? t('follow.email.confirm.heading')
					: kind === 'already'
						? t('follow.email.already.heading')
						: kind === 'reminder'
							? t('follow.email.reminder.heading', { what: props.what ?? '', relative: props.relative ?? '' })
							: kind === 'changed'
								? t('follow.email.changed.heading')
								: kind === 'digest'
									? t('follow.email.digest.heading', { name })
									: t('follow.email.decided.heading')}
			</Heading>
			<Text style={emailStyles.paragraph}>
				{kind === 'confirm'
					? t('follow.email.confirm.body', { name })
					: kind === 'already'
						? t('follow.email.already.body', { name })
						: kind === 'reminder'
							? t('follow.email.reminder.body', { proceeding: props.proceeding ?? '', what: props.what ?? '', when: props.when ?? '' })
							: kind === 'changed'
								? t('follow.email.changed.body', {
										proceeding: props.proceeding ?? '',
										what: props.what ?? '',
										from: props.from ?? '',
										to: props.to ?? '',
									})
								: t('follow.email.decided.body', { proceeding: props.proceeding ?? '', outcome: props.outcome ?? '' })}
			</Text>
			{kind === 'reminder' && props.how ? (
				<Text style={emailStyles.paragraph}>{t('follow.email.reminder.how', { how: props.how })}</Text>
			) : null}
			{kind === 'confirm' ? (
				<>
					<Button href={props.confirmUrl} style={emailStyles.button}>
						{t('follow.email.confirm.button')}
					</Button>
					<Text style={emailStyles.small}>
						<Link href={props.confirmUrl}>{props.confirmUrl}</Link>
					</Text>
				</>
			) : (
				<>
					<Button href={projectUrl} style={emailStyles.button}>
						{t('follow.email.reminder.button')}
					</Button>
					<Text style={emailStyles.small}>
						<Link href={projectUrl}>{projectUrl}</Link>
					</Text>
				</>
			)}
		</EmailLayout>
	)
}

FollowEmail.PreviewProps = {
	kind: 'reminder',
	projectName: 'Project Blue',
	projectUrl: 'http://localhost:3000/projects/project-blue-az',
	confirmUrl: 'http://localhost:3000/follows/confirm?token=preview',
	unsubscribeUrl: 'http://localhost:3000/follows/stop?token=preview',
	proceeding: 'Rezoning before the Pima County Board of Supervisors',
	what: 'Written comments close',
	when: 'Tuesday, December 8, 2026 at 5:00 PM MST',
	relative: 'in 7 days',
	how: 'email the clerk of the board',
} satisfies FollowEmailProps
