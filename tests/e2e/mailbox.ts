import { expect } from '@playwright/test'

const mailboxUrl = () => {
	const url = process.env.MAILBOX_URL
	if (!url) throw new Error('MAILBOX_URL is not set: run the end-to-end tests through `npm test`')
	return url
}

type Summary = { ID: string; To: Array<{ Address: string }>; Subject: string }
type Message = Summary & { HTML: string; Text: string }

/** Waits for the newest email to `address` (matching `subject`) in the local mail catcher. */
export async function latestEmail(address: string, subject: RegExp): Promise<Message> {
	let found: Summary | undefined
	await expect
		.poll(
			async () => {
				const response = await fetch(`${mailboxUrl()}/api/v1/messages?limit=200`)
				const { messages } = (await response.json()) as { messages: Summary[] }
				found = messages.find((m) => m.To.some((to) => to.Address === address) && subject.test(m.Subject))
				return Boolean(found)
			},
			{ timeout: 15_000, message: `an email to ${address} with subject ${subject}` },
		)
		.toBe(true)
	const response = await fetch(`${mailboxUrl()}/api/v1/message/${found?.ID}`)
	return (await response.json()) as Message
}

export function codeIn(message: Message) {
	const code = /\b(\d{6})\b/.exec(message.Text)?.[1]
	if (!code) throw new Error(`no 6-digit code in: ${message.Text}`)
	return code
}

export function confirmLinkIn(message: Message) {
	const link = /https?:\/\/\S+\/auth\/confirm\?\S+/.exec(message.Text)?.[0]
	if (!link) throw new Error(`no confirmation link in: ${message.Text}`)
	return link
}

export function uniqueEmail(label: string) {
	return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`
}

export { mailboxUrl }
