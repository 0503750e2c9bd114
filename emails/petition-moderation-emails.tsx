import { Button, Heading, Link, Text } from '@react-email/components'
import { t } from '#app/i18n/i18n'
import { EmailLayout, emailStyles } from './components/email-layout'

export type PetitionTakedownEmailProps = {
	/** Taken down, or put back after a takedown. */
	kind: 'taken_down' | 'put_back'
	petitionTitle: string
	/** The moderator's reason, as typed (taken down only). */
	reason: string
	/** The petition's dashboard, where the organizers can ask for a review. */
	dashboardUrl: string
}

export function petitionTakedownSubject(props: PetitionTakedownEmailProps) {
	return props.kind === 'taken_down'
		? t('moderation.email.takedown.subject', { title: props.petitionTitle })
		: t('moderation.email.putBack.subject', { title: props.petitionTitle })
}

/** To whoever runs a petition: moderators took it down (why, and how to ask for a review), or put it back. */
export function PetitionTakedownEmail({ kind, petitionTitle, reason, dashboardUrl }: PetitionTakedownEmailProps) {
	if (kind === 'put_back') {
		return (
			<EmailLayout preview={t('moderation.email.putBack.preview')} footer={t('moderation.email.footer')}>
				<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
					{t('moderation.email.putBack.heading')}
				</Heading>
				<Text style={emailStyles.paragraph}>{t('moderation.email.putBack.body', { title: petitionTitle })}</Text>
				<Button href={dashboardUrl} style={emailStyles.button}>
					{t('moderation.email.button')}
				</Button>
			</EmailLayout>
		)
	}
	return (
		<EmailLayout preview={t('moderation.email.takedown.preview')} footer={t('moderation.email.footer')}>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{t('moderation.email.takedown.heading')}
			</Heading>
			<Text style={emailStyles.paragraph}>{t('moderation.email.takedown.body', { title: petitionTitle })}</Text>
			<Text style={emailStyles.paragraph}>
				<strong>{t('moderation.email.takedown.reason')}</strong> {reason}
			</Text>
			<Text style={emailStyles.paragraph}>{t('moderation.email.takedown.keeps')}</Text>
			<Text style={emailStyles.paragraph}>{t('moderation.email.takedown.appeal')}</Text>
			<Button href={dashboardUrl} style={emailStyles.button}>
				{t('moderation.email.takedown.button')}
			</Button>
			<Text style={emailStyles.small}>
				<Link href={dashboardUrl}>{dashboardUrl}</Link>
			</Text>
		</EmailLayout>
	)
}

PetitionTakedownEmail.PreviewProps = {
	kind: 'taken_down',
	petitionTitle: 'Pause new data-center zoning in Monroe County',
	reason: 'It names a private person’s home address.',
	dashboardUrl: 'http://localhost:3000/petitions/pause-new-data-center-zoning/manage',
} satisfies PetitionTakedownEmailProps
