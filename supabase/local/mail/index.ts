import { Hono } from 'hono'
import { createFaults } from './faults'
import { registerInboxPages } from './inbox-pages'
import { createMailbox } from './mailbox'
import { registerMailpitRoutes } from './mailpit-routes'
import { errorResponse, registerResendRoutes } from './resend-routes'

export type MailAppOptions = {
	/** Keep messages in `<dataDir>/mail/messages.json` across restarts; in memory only without it. */
	dataDir?: string
}

/**
 * The local mail catcher: speaks the part of Resend's API the `resend` SDK
 * sends with (point RESEND_BASE_URL at it), keeps what it receives, and shows
 * it through a Mailpit-compatible JSON API and a small web inbox.
 */
export function createMailApp(options: MailAppOptions = {}) {
	const mailbox = createMailbox(options.dataDir)
	const faults = createFaults()
	const app = new Hono()
	registerResendRoutes(app, mailbox, faults)
	registerMailpitRoutes(app, mailbox, faults)
	registerInboxPages(app, mailbox)
	app.notFound(() => errorResponse({ statusCode: 404, name: 'not_found', message: 'The requested endpoint does not exist.' }))
	app.onError((error) => {
		console.error('mail catcher:', error)
		return errorResponse({ statusCode: 500, name: 'internal_server_error', message: 'An unexpected error occurred.' })
	})
	return app
}
