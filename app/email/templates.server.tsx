import type { ReactElement } from 'react'
import { AuthEmail, type AuthEmailProps, authEmailSubject } from '#emails/auth-email'

export type EmailTemplate<Props> = {
	subject: (props: Props) => string
	render: (props: Props) => ReactElement
	/** Extra headers, e.g. List-Unsubscribe for mail people can opt out of. */
	headers?: (props: Props) => Record<string, string>
}

/** The props each template takes, by name. A feature adds a line here and an entry below. */
export type EmailTemplateProps = {
	auth: AuthEmailProps
}

export type EmailTemplateName = keyof EmailTemplateProps

/**
 * Every email Groundwork sends, by name. Jobs carry a template name and its
 * props (plain JSON), and the worker renders them when it sends, so a queued
 * email survives restarts and provider outages.
 */
export const emailTemplates: { [Name in EmailTemplateName]: EmailTemplate<EmailTemplateProps[Name]> } = {
	auth: {
		subject: (props) => authEmailSubject(props.action),
		render: (props) => <AuthEmail {...props} />,
	},
}
