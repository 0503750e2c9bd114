import { Link } from '@remix-run/react'
import { t } from '#app/i18n/i18n'

/** On a compose page: where replies to the email will go, and where to change it. */
export function ReplyToNote({ replyTo, editUrl }: { replyTo: { email: string; source: 'chapter' | 'sender' } | null; editUrl: string }) {
	if (!replyTo) return null
	return (
		<p className="max-w-prose [overflow-wrap:anywhere]">
			{t(replyTo.source === 'chapter' ? 'replyTo.chapter' : 'replyTo.sender', { email: replyTo.email })}{' '}
			<Link to={editUrl}>{t(replyTo.source === 'chapter' ? 'replyTo.change' : 'replyTo.set')}</Link>
		</p>
	)
}
