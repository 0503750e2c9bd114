import type { ReactElement } from 'react'
import { AuthEmail, type AuthEmailProps, authEmailSubject } from '#emails/auth-email'

/**
 * Every email Groundwork sends, by name. Jobs carry a template name and its
 * props (plain JSON), and the worker renders them when it sends, so a queued
 * email survives restarts and provider outages.
 */
export const emailTemplates = {
	auth: {
		subject: (props: AuthEmailProps) => authEmailSubject(props.action),
		render: (props: AuthEmailProps): ReactElement => <AuthEmail {...props} />,
	},
} as const

export type EmailTemplateName = keyof typeof emailTemplates
export type EmailTemplateProps<Name extends EmailTemplateName> = Parameters<(typeof emailTemplates)[Name]['render']>[0]
