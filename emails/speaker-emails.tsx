import { Button, Heading, Link, Text } from '@react-email/components'
import { t } from '#app/i18n/i18n'
import { EmailLayout, emailStyles } from './components/email-layout'

/**
 * Email to someone who signed up to speak at a hearing (docs/decisions/057):
 *   confirm     a visitor's link that puts them on the list
 *   already     a visitor who was already on the list: their link again
 *   listed      on the list: slot and estimated time
 *   waitlisted  the list is full: their place on the waitlist
 *   promoted    a slot opened up and is theirs now
 *   reminder    the day before and the morning of the hearing
 * Every one but `confirm` links to the person's own page: their slot, their
 * testimony, the practice timer, and dropping out.
 */
export type SpeakerEmailProps = {
	kind: 'confirm' | 'already' | 'listed' | 'waitlisted' | 'promoted' | 'reminder'
	hearing: string
	proceeding: string
	body: string | null
	/** The hearing's time, in the body's zone. */
	when: string
	place: string | null
	slot: number | null
	/** The estimated time to be called, or null without a speaking limit. */
	estimated: string | null
	minutes: number | null
	waitlistPosition: number | null
	/** "tomorrow" or "today", for a reminder. */
	relative?: string
	/** How to sign up with the body itself, where the body's rules say. */
	bodySignup: string | null
	confirmUrl: string
	slotUrl: string
}

export function speakerEmailSubject(props: SpeakerEmailProps) {
	switch (props.kind) {
		case 'confirm':
			return t('speakers.email.confirm.subject', { hearing: props.hearing, when: props.when })
		case 'already':
			return t('speakers.email.already.subject', { hearing: props.hearing })
		case 'listed':
			return t('speakers.email.listed.subject', { slot: props.slot ?? 0, hearing: props.hearing, when: props.when })
		case 'waitlisted':
			return t('speakers.email.waitlisted.subject', { hearing: props.hearing, when: props.when })
		case 'promoted':
			return t('speakers.email.promoted.subject', { slot: props.slot ?? 0, hearing: props.hearing, when: props.when })
		case 'reminder':
			return t('speakers.email.reminder.subject', { relative: props.relative ?? '', hearing: props.hearing, when: props.when })
	}
}

function SlotFacts(props: SpeakerEmailProps) {
	if (props.slot === null) {
		return props.waitlistPosition ? (
			<Text style={emailStyles.paragraph}>{t('speakers.email.waitlistPosition', { position: props.waitlistPosition })}</Text>
		) : null
	}
	return (
		<>
			<Text style={emailStyles.paragraph}>
				{props.estimated
					? t('speakers.email.slot', { slot: props.slot, estimated: props.estimated })
					: t('speakers.email.slotNoEstimate', { slot: props.slot })}
			</Text>
			{props.minutes ? <Text style={emailStyles.paragraph}>{t('speakers.email.minutes', { minutes: props.minutes })}</Text> : null}
		</>
	)
}

export function SpeakerEmail(props: SpeakerEmailProps) {
	const { kind } = props
	const where = props.place ? t('speakers.email.where', { when: props.when, place: props.place }) : props.when
	return (
		<EmailLayout
			preview={speakerEmailSubject(props)}
			footer={kind === 'confirm' || kind === 'already' ? t('speakers.email.notYou') : t('speakers.email.footer')}
		>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{t(`speakers.email.${kind}.heading`, { relative: props.relative ?? '' })}
			</Heading>
			<Text style={emailStyles.paragraph}>
				{props.body
					? t('speakers.email.hearingBefore', { hearing: props.hearing, proceeding: props.proceeding, body: props.body })
					: t('speakers.email.hearing', { hearing: props.hearing, proceeding: props.proceeding })}
			</Text>
			<Text style={emailStyles.paragraph}>{where}</Text>
			{kind === 'confirm' ? (
				<>
					<Text style={emailStyles.paragraph}>{t('speakers.email.confirm.body')}</Text>
					<Button href={props.confirmUrl} style={emailStyles.button}>
						{t('speakers.email.confirm.button')}
					</Button>
					<Text style={emailStyles.small}>
						<Link href={props.confirmUrl}>{props.confirmUrl}</Link>
					</Text>
				</>
			) : (
				<>
					{kind === 'already' ? <Text style={emailStyles.paragraph}>{t('speakers.email.already.body')}</Text> : null}
					{kind === 'waitlisted' ? <Text style={emailStyles.paragraph}>{t('speakers.email.waitlisted.body')}</Text> : null}
					{kind === 'promoted' ? <Text style={emailStyles.paragraph}>{t('speakers.email.promoted.body')}</Text> : null}
					<SlotFacts {...props} />
					{props.bodySignup && kind !== 'waitlisted' ? (
						<Text style={emailStyles.paragraph}>{t('speakers.email.bodySignup', { how: props.bodySignup })}</Text>
					) : null}
					<Button href={props.slotUrl} style={emailStyles.button}>
						{t('speakers.email.slotButton')}
					</Button>
					<Text style={emailStyles.small}>
						<Link href={props.slotUrl}>{props.slotUrl}</Link>
					</Text>
					<Text style={emailStyles.small}>{t('speakers.email.cancel')}</Text>
				</>
			)}
		</EmailLayout>
	)
}

SpeakerEmail.PreviewProps = {
	kind: 'listed',
	hearing: 'Public hearing',
	proceeding: 'Rezoning for the proposed Amazon campus',
	body: 'Loudoun County Board of Supervisors',
	when: 'Thursday, December 10, 2026 at 6:00 PM EST',
	place: 'Loudoun County Government Center, 1 Harrison St SE, Leesburg, VA',
	slot: 4,
	estimated: '6:09 PM EST',
	minutes: 3,
	waitlistPosition: null,
	bodySignup: 'Sign up with the Clerk to the Board before the hearing, online or by phone, or at the clerk’s desk on the night',
	confirmUrl: 'https://groundwork.example/speakers/confirm?token=preview',
	slotUrl: 'https://groundwork.example/speakers/slot?token=preview',
} satisfies SpeakerEmailProps
