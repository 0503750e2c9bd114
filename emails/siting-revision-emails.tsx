import { Button, Heading, Link, Text } from '@react-email/components'
import { t } from '#app/i18n/i18n'
import { EmailLayout, emailStyles } from './components/email-layout'

/**
 * Email to the person who proposed a project or a change to its record, once
 * it is reviewed (docs/decisions/049):
 *   created      their new project is approved and published
 *   not_created  their new project was not accepted
 *   approved     their change is part of the record
 *   rejected     their change was not accepted
 */
export type SitingRevisionEmailProps = {
	kind: 'created' | 'not_created' | 'approved' | 'rejected'
	projectName: string
	projectUrl: string
	reviewerName: string
	note: string
}

export function sitingRevisionSubject(props: SitingRevisionEmailProps) {
	const name = props.projectName
	switch (props.kind) {
		case 'created':
			return t('revisionEmail.createdSubject', { name })
		case 'not_created':
			return t('revisionEmail.notCreatedSubject', { name })
		case 'approved':
			return t('revisionEmail.approved.subject', { name })
		case 'rejected':
			return t('revisionEmail.rejected.subject', { name })
	}
}

export function SitingRevisionEmail(props: SitingRevisionEmailProps) {
	const reviewer = props.reviewerName || t('revisionEmail.someone')
	const body =
		props.kind === 'created'
			? t('revisionEmail.created.body', { reviewer })
			: props.kind === 'approved'
				? t('revisionEmail.approved.body', { reviewer })
				: t('revisionEmail.rejected.body', { reviewer })
	const button = props.kind === 'not_created' ? t('revisionEmail.openList') : t('revisionEmail.open')
	return (
		<EmailLayout preview={sitingRevisionSubject(props)} footer={t('revisionEmail.footer')}>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{sitingRevisionSubject(props)}
			</Heading>
			<Text style={emailStyles.paragraph}>{body}</Text>
			{props.note ? <Text style={emailStyles.paragraph}>{t('revisionEmail.note', { note: props.note })}</Text> : null}
			<Button href={props.projectUrl} style={emailStyles.button}>
				{button}
			</Button>
			<Text style={emailStyles.small}>
				<Link href={props.projectUrl}>{props.projectUrl}</Link>
			</Text>
		</EmailLayout>
	)
}

SitingRevisionEmail.PreviewProps = {
	kind: 'approved',
	projectName: 'Project Sail',
	projectUrl: 'http://localhost:3000/projects/project-sail',
	reviewerName: 'Priya Raman',
	note: 'Thanks: the county agenda confirms it.',
} satisfies SitingRevisionEmailProps
