import { Button, Heading, Link, Text } from '@react-email/components'
import { t } from '#app/i18n/i18n'
import { EmailLayout, emailStyles } from './components/email-layout'

/**
 * Where the signature from this address stands when it signs again. The page
 * after signing says the same to everyone, so this email is where the owner
 * of the address learns it (docs/decisions/032).
 *   counted  confirmed and in the count
 *   held     confirmed by the signer, waiting for a moderator's check
 *   removed  removed by a moderator after it was confirmed
 */
export type SignatureStanding = 'counted' | 'held' | 'removed'

export type PetitionAlreadySignedEmailProps = {
	name: string
	petitionTitle: string
	petitionUrl: string
	standing: SignatureStanding
}

export function petitionAlreadySignedSubject(props: PetitionAlreadySignedEmailProps) {
	return t('petitions.email.already.subject', { title: props.petitionTitle })
}

/** "You had already signed": no link to click, nothing changed. */
export function PetitionAlreadySignedEmail({ name, petitionTitle, petitionUrl, standing }: PetitionAlreadySignedEmailProps) {
	return (
		<EmailLayout preview={t('petitions.email.already.preview')} footer={t('petitions.email.already.footer')}>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{t('petitions.email.already.heading')}
			</Heading>
			<Text style={emailStyles.paragraph}>{t('petitions.email.confirm.greeting', { name })}</Text>
			<Text style={emailStyles.paragraph}>{t(`petitions.email.already.${standing}`, { title: petitionTitle })}</Text>
			<Button href={petitionUrl} style={emailStyles.button}>
				{t('petitions.email.already.button')}
			</Button>
			<Text style={emailStyles.small}>
				<Link href={petitionUrl}>{petitionUrl}</Link>
			</Text>
			<Text style={emailStyles.small}>{t('petitions.email.already.notYou')}</Text>
		</EmailLayout>
	)
}

PetitionAlreadySignedEmail.PreviewProps = {
	name: 'Dana Whitfield',
	petitionTitle: 'Pause new data-center zoning in Monroe County',
	petitionUrl: 'http://localhost:3000/petitions/pause-new-data-center-zoning',
	standing: 'counted',
} satisfies PetitionAlreadySignedEmailProps
