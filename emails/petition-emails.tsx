import { Button, Heading, Link, Section, Text } from '@react-email/components'
import { t } from '#app/i18n/i18n'
import { Markdown } from '#app/markdown/markdown'
import { markdownTree } from '#app/markdown/markdown.server'
import { EmailLayout, emailStyles } from './components/email-layout'

export type PetitionConfirmEmailProps = {
	name: string
	petitionTitle: string
	decisionMaker: string
	confirmUrl: string
}

export function petitionConfirmSubject(props: PetitionConfirmEmailProps) {
	return t('petitions.email.confirm.subject', { title: props.petitionTitle })
}

/** "Click to confirm your signature": until then it does not count. */
export function PetitionConfirmEmail({ name, petitionTitle, decisionMaker, confirmUrl }: PetitionConfirmEmailProps) {
	return (
		<EmailLayout preview={t('petitions.email.confirm.preview')} footer={t('petitions.email.confirm.footer')}>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{t('petitions.email.confirm.heading')}
			</Heading>
			<Text style={emailStyles.paragraph}>{t('petitions.email.confirm.greeting', { name })}</Text>
			<Text style={emailStyles.paragraph}>{t('petitions.email.confirm.body', { title: petitionTitle, decisionMaker })}</Text>
			<Button href={confirmUrl} style={emailStyles.button}>
				{t('petitions.email.confirm.button')}
			</Button>
			<Text style={emailStyles.small}>
				<Link href={confirmUrl}>{confirmUrl}</Link>
			</Text>
			<Text style={emailStyles.small}>{t('petitions.email.confirm.ignore')}</Text>
		</EmailLayout>
	)
}

PetitionConfirmEmail.PreviewProps = {
	name: 'Dana Whitfield',
	petitionTitle: 'Pause new data-center zoning in Monroe County',
	decisionMaker: 'Monroe County Board of Commissioners',
	confirmUrl: 'http://localhost:3000/petitions/pause-new-data-center-zoning/confirm?token=00000000-0000-4000-8000-000000000000',
} satisfies PetitionConfirmEmailProps

export type PetitionMilestoneEmailProps = {
	petitionTitle: string
	threshold: number
	goal: number
	count: number
	petitionUrl: string
	dashboardUrl: string
}

export function petitionMilestoneSubject(props: PetitionMilestoneEmailProps) {
	return t('petitions.email.milestone.subject', { count: props.threshold, title: props.petitionTitle })
}

/** To the organizers: the petition passed a milestone. */
export function PetitionMilestoneEmail({ petitionTitle, threshold, goal, count, petitionUrl, dashboardUrl }: PetitionMilestoneEmailProps) {
	const percent = Math.floor((threshold / goal) * 100)
	return (
		<EmailLayout preview={t('petitions.email.milestone.preview', { count: threshold })} footer={t('petitions.email.milestone.footer')}>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{t('petitions.email.milestone.heading', { count: threshold })}
			</Heading>
			<Text style={emailStyles.paragraph}>
				{t('petitions.email.milestone.body', { title: petitionTitle, count, goal, percent: String(percent) })}
			</Text>
			<Text style={emailStyles.paragraph}>{t('petitions.email.milestone.next')}</Text>
			<Button href={dashboardUrl} style={emailStyles.button}>
				{t('petitions.email.milestone.button')}
			</Button>
			<Text style={emailStyles.small}>
				<Link href={petitionUrl}>{petitionUrl}</Link>
			</Text>
		</EmailLayout>
	)
}

PetitionMilestoneEmail.PreviewProps = {
	petitionTitle: 'Pause new data-center zoning in Monroe County',
	threshold: 250,
	goal: 1000,
	count: 251,
	petitionUrl: 'http://localhost:3000/petitions/pause-new-data-center-zoning',
	dashboardUrl: 'http://localhost:3000/petitions/pause-new-data-center-zoning/manage',
} satisfies PetitionMilestoneEmailProps

export type PetitionUpdateEmailProps = {
	petitionTitle: string
	title: string
	/** Markdown, rendered through the same whitelist as the petition page. */
	body: string
	petitionUrl: string
	unsubscribeUrl: string
}

export function petitionUpdateSubject(props: PetitionUpdateEmailProps) {
	return t('petitions.email.update.subject', { title: props.title, petition: props.petitionTitle })
}

/** An organizer's update, to signers who asked for updates, with a one-click way out. */
export function PetitionUpdateEmail({ petitionTitle, title, body, petitionUrl, unsubscribeUrl }: PetitionUpdateEmailProps) {
	return (
		<EmailLayout preview={title} footer={t('petitions.email.update.footer', { title: petitionTitle })}>
			<Text style={emailStyles.small}>{t('petitions.email.update.kicker', { title: petitionTitle })}</Text>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{title}
			</Heading>
			<Section style={emailStyles.paragraph}>
				<Markdown tree={markdownTree(body)} headingLevel={3} />
			</Section>
			<Button href={petitionUrl} style={emailStyles.button}>
				{t('petitions.email.update.button')}
			</Button>
			<Text style={emailStyles.small}>
				<Link href={unsubscribeUrl}>{t('petitions.email.update.unsubscribe')}</Link>
			</Text>
		</EmailLayout>
	)
}

PetitionUpdateEmail.PreviewProps = {
	petitionTitle: 'Pause new data-center zoning in Monroe County',
	title: 'We delivered 1,200 signatures',
	body: 'Thank you. On **Tuesday** we handed the petition to the board.\n\nThe vote is on 9 December.',
	petitionUrl: 'http://localhost:3000/petitions/pause-new-data-center-zoning',
	unsubscribeUrl: 'http://localhost:3000/petitions/unsubscribe/00000000-0000-4000-8000-000000000000',
} satisfies PetitionUpdateEmailProps
