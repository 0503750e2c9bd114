import { Button, Heading, Link, Text } from '@react-email/components'
import { t } from '#app/i18n/i18n'
import { EmailLayout, emailStyles } from './components/email-layout'

export const eventEmailKinds = ['going', 'waitlisted', 'already', 'promoted', 'reminder', 'cancelled', 'changed'] as const
export type EventEmailKind = (typeof eventEmailKinds)[number]

export type EventEmailProps = {
	kind: EventEmailKind
	eventTitle: string
	chapterName: string
	/** "Tuesday, December 1, 2026, 6:30 PM – 8:00 PM EST", in the event's zone. */
	when: string
	/** "Tue, Dec 1, 6:30 PM EST", for the subject line. */
	whenShort: string
	/** The place and its address; empty for an online-only event. */
	where: string
	onlineUrl: string | null
	eventUrl: string
	/** Where the person changes their answer: their own link (a batch slot for reminders). */
	manageUrl: string
	calendarUrl: string
	waitlistPosition?: number | null
	/** Why the organizers cancelled, when they said. */
	reason?: string
	/** For a change of time or place: how it was before. */
	previously?: { when: string; where: string }
}

export function eventEmailSubject(props: EventEmailProps) {
	return t(`email.event.${props.kind}.subject`, { title: props.eventTitle, when: props.whenShort })
}

/** Every email about one person's place at an event: confirmation, waitlist, promotion, reminder, cancellation. */
export function EventEmail(props: EventEmailProps) {
	const { kind, eventTitle, chapterName, when, where, onlineUrl, eventUrl, manageUrl, calendarUrl, waitlistPosition, reason, previously } =
		props
	return (
		<EmailLayout
			preview={t(`email.event.${kind}.heading`, { title: eventTitle })}
			footer={t('email.event.footer', { chapter: chapterName })}
		>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{t(`email.event.${kind}.heading`, { title: eventTitle })}
			</Heading>
			<Text style={emailStyles.paragraph}>
				{t(`email.event.${kind}.body`, { title: eventTitle, chapter: chapterName, position: waitlistPosition ?? 0 })}
			</Text>
			{kind === 'cancelled' && reason ? <Text style={emailStyles.paragraph}>{t('email.event.cancelled.reason', { reason })}</Text> : null}
			<Text style={emailStyles.paragraph}>
				<strong>{t('email.event.when')}</strong> {when}
				{where ? (
					<>
						<br />
						<strong>{t('email.event.where')}</strong> {where}
					</>
				) : null}
				{onlineUrl ? (
					<>
						<br />
						<strong>{t('email.event.online')}</strong> <Link href={onlineUrl}>{onlineUrl}</Link>
					</>
				) : null}
			</Text>
			{previously ? (
				<Text style={emailStyles.small}>
					<strong>{t('email.event.was')}</strong> {[previously.when, previously.where].filter(Boolean).join('; ')}
				</Text>
			) : null}
			{kind === 'cancelled' ? null : (
				<>
					<Button href={eventUrl} style={emailStyles.button}>
						{t('email.event.button')}
					</Button>
					<Text style={emailStyles.small}>
						<Link href={calendarUrl}>{t(kind === 'changed' ? 'email.event.calendarChanged' : 'email.event.calendar')}</Link>
					</Text>
					<Text style={emailStyles.small}>
						{t('email.event.change')} <Link href={manageUrl}>{manageUrl}</Link>
					</Text>
				</>
			)}
		</EmailLayout>
	)
}

EventEmail.PreviewProps = {
	kind: 'going',
	eventTitle: 'Board of Supervisors public hearing on the Amazon campus',
	chapterName: 'Loudoun Residents for Responsible Siting',
	when: 'Tuesday, December 1, 2026, 6:00 PM – 9:00 PM EST',
	whenShort: 'Tue, Dec 1, 6:00 PM EST',
	where: 'Loudoun County Government Center, 1 Harrison St SE, Leesburg, VA',
	onlineUrl: null,
	eventUrl: 'http://localhost:3000/chapters/loudoun-residents-for-responsible-siting/events/00000000-0000-4000-8000-000000000000',
	manageUrl: 'http://localhost:3000/rsvp/00000000-0000-4000-8000-000000000000',
	calendarUrl:
		'http://localhost:3000/chapters/loudoun-residents-for-responsible-siting/events/00000000-0000-4000-8000-000000000000/calendar.ics',
	waitlistPosition: null,
} satisfies EventEmailProps

export default EventEmail
