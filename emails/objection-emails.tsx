import { Button, Heading, Text } from '@react-email/components'
import { t } from '#app/i18n/i18n'
import { EmailLayout, emailStyles } from './components/email-layout'

/**
 * Email about a formal objection (docs/decisions/052):
 *   filing   to the body's clerk, the letter attached, replies to the chapter
 *   copy     to each co-signer once it is filed, the letter attached
 *   invite   asks someone to read and co-sign, with the signing link
 *   signed   to a co-signer, with their own link to withdraw or sign again
 */
export type ObjectionEmailProps = {
	kind: 'filing' | 'copy' | 'invite' | 'signed'
	subject: string
	chapter: string
	body: string
	proceeding: string
	caseNumber?: string | null
	replyTo?: string
	url?: string
	version?: number
}

export function objectionEmailSubject(props: ObjectionEmailProps) {
	switch (props.kind) {
		case 'filing':
			return t('objection.email.filing.subject', { subject: props.subject })
		case 'copy':
			return t('objection.email.copy.subject', { subject: props.subject })
		case 'invite':
			return t('objection.email.invite.subject', { chapter: props.chapter })
		case 'signed':
			return t('objection.email.signed.subject', { subject: props.subject })
	}
}

function paragraph(props: ObjectionEmailProps) {
	switch (props.kind) {
		case 'filing':
			return t('objection.email.filing.body', {
				chapter: props.chapter,
				proceeding: props.proceeding,
				caseNumber: props.caseNumber ? t('objection.email.filing.case', { number: props.caseNumber }) : '',
				replyTo: props.replyTo ?? '',
			})
		case 'copy':
			return t('objection.email.copy.body', { chapter: props.chapter, body: props.body })
		case 'invite':
			return t('objection.email.invite.body', { chapter: props.chapter, subject: props.subject })
		case 'signed':
			return t('objection.email.signed.body', { version: props.version ?? 1 })
	}
}

export function ObjectionEmail(props: ObjectionEmailProps) {
	const cta = props.kind === 'invite' ? t('objection.email.invite.cta') : props.kind === 'signed' ? t('objection.email.signed.cta') : null
	return (
		<EmailLayout
			preview={objectionEmailSubject(props)}
			footer={
				props.kind === 'filing'
					? t('objection.email.footer.filing', { chapter: props.chapter })
					: t('objection.email.footer.signer', { chapter: props.chapter })
			}
		>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{props.subject}
			</Heading>
			<Text style={emailStyles.paragraph}>{paragraph(props)}</Text>
			{cta && props.url ? (
				<Button href={props.url} style={emailStyles.button}>
					{cta}
				</Button>
			) : null}
		</EmailLayout>
	)
}

ObjectionEmail.PreviewProps = {
	kind: 'filing',
	subject: 'Objection to rezoning ZMAP 2024-0012',
	chapter: 'Loudoun Residents for Responsible Growth',
	body: 'Loudoun County Board of Supervisors',
	proceeding: 'Rezoning to planned industrial',
	caseNumber: 'ZMAP-2024-0012',
	replyTo: 'organizer@example.org',
} satisfies ObjectionEmailProps
