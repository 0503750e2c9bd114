import { Button, Heading, Link, Text } from '@react-email/components'
import { t } from '#app/i18n/i18n'
import { EmailLayout, emailStyles } from './components/email-layout'

export const authEmailActions = ['signup', 'magiclink', 'recovery', 'email_change', 'invite', 'reauthentication'] as const
export type AuthEmailAction = (typeof authEmailActions)[number]

export type AuthEmailProps = {
	action: AuthEmailAction
	/** The address the email is about (the new one for an email change). */
	email: string
	/** The app's /auth/confirm link; absent for reauthentication. */
	confirmUrl?: string
	/** The 6-digit code. */
	code: string
}

export function authEmailSubject(action: AuthEmailAction) {
	return t(`email.auth.${action}.subject`)
}

/** Sign-up confirmation, magic link, password reset, email change, invitation: a link and the code. */
export function AuthEmail({ action, email, confirmUrl, code }: AuthEmailProps) {
	return (
		<EmailLayout preview={t(`email.auth.${action}.heading`)} footer={t('email.auth.footer')}>
			<Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
				{t(`email.auth.${action}.heading`)}
			</Heading>
			<Text style={emailStyles.paragraph}>{t(`email.auth.${action}.body`, { email })}</Text>
			{confirmUrl ? (
				<>
					<Button href={confirmUrl} style={emailStyles.button}>
						{t(`email.auth.${action}.button`)}
					</Button>
					<Text style={emailStyles.small}>
						<Link href={confirmUrl}>{confirmUrl}</Link>
					</Text>
				</>
			) : null}
			<Text style={emailStyles.paragraph}>{t('email.auth.code')}</Text>
			<Text style={emailStyles.code}>{code}</Text>
			<Text style={emailStyles.small}>{t('email.auth.expires')}</Text>
			<Text style={emailStyles.small}>{t('email.auth.ignore')}</Text>
		</EmailLayout>
	)
}

AuthEmail.PreviewProps = {
	action: 'signup',
	email: 'dana@example.org',
	confirmUrl: 'http://localhost:3000/auth/confirm?token_hash=pkce_0123456789abcdef&type=signup',
	code: '123456',
} satisfies AuthEmailProps

export default AuthEmail
