// The one client for the local mail catcher (its Mailpit-style API at
// MAILBOX_URL), for Vitest and Playwright alike: it polls by itself, so it
// needs neither runner's `expect`.

export type MailSummary = { ID: string; To: Array<{ Address: string }>; Subject: string }
export type Mail = MailSummary & { HTML: string; Text: string }

export function mailboxUrl() {
	const url = process.env.MAILBOX_URL
	if (!url) throw new Error('MAILBOX_URL is not set: run the tests through `npm test` (or with the test stack’s environment)')
	return url
}

async function getJson<T>(path: string): Promise<T> {
	const response = await fetch(`${mailboxUrl()}${path}`)
	if (!response.ok) throw new Error(`mail catcher ${path}: ${response.status}`)
	return (await response.json()) as T
}

/** Every email to `address`, newest first (summaries: no body). */
export async function inbox(address: string): Promise<MailSummary[]> {
	const { messages } = await getJson<{ messages: MailSummary[] }>(`/api/v1/search?query=${encodeURIComponent(`to:${address}`)}&limit=1000`)
	const wanted = address.toLowerCase()
	return messages.filter((message) => message.To.some((to) => to.Address.toLowerCase() === wanted))
}

/** One email whole: text, HTML and all. */
export function readEmail(id: string): Promise<Mail> {
	return getJson<Mail>(`/api/v1/message/${id}`)
}

/** Every email to `address` whole, newest first. */
export async function emailsTo(address: string): Promise<Mail[]> {
	return Promise.all((await inbox(address)).map((message) => readEmail(message.ID)))
}

/** Waits for the newest email to `address` whose subject matches, and returns it whole. */
export async function waitForEmail(address: string, subject: RegExp, timeout = 30_000): Promise<Mail> {
	const deadline = Date.now() + timeout
	for (;;) {
		const found = (await inbox(address)).find((message) => subject.test(message.Subject))
		if (found) return readEmail(found.ID)
		if (Date.now() > deadline) throw new Error(`no email to ${address} matching ${subject} within ${timeout} ms`)
		await new Promise((resolve) => setTimeout(resolve, 250))
	}
}

export function headersOf(id: string): Promise<Record<string, string[]>> {
	return getJson<Record<string, string[]>>(`/api/v1/message/${id}/headers`)
}

export function codeIn(message: Mail) {
	const code = /\b(\d{6})\b/.exec(message.Text)?.[1]
	if (!code) throw new Error(`no 6-digit code in: ${message.Text}`)
	return code
}

export function confirmLinkIn(message: Mail) {
	const link = /https?:\/\/\S+\/auth\/confirm\?\S+/.exec(message.Text)?.[0]
	if (!link) throw new Error(`no confirmation link in: ${message.Text}`)
	return link
}

/** Gives a stray retry or a late duplicate time to land before counting. */
export function settle(ms = 1500) {
	return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * The next `count` sends to `to` fail as if Resend were down (500) or
 * refusing (429). Only sends to `to`: other test files send mail alongside.
 */
export async function armMailFault(to: string, count: number, status: 500 | 429 = 500) {
	const response = await fetch(`${mailboxUrl()}/api/v1/faults`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ status, count, to }),
	})
	if (!response.ok) throw new Error(`arming a mail fault for ${to}: ${response.status}`)
}

/** How many of the failures armed for `to` are still to come. */
export async function mailFaultsLeft(to: string) {
	return (await getJson<{ remaining: number }>(`/api/v1/faults?to=${encodeURIComponent(to)}`)).remaining
}

/** Sends to `to` go through again. */
export async function clearMailFaults(to: string) {
	await fetch(`${mailboxUrl()}/api/v1/faults?to=${encodeURIComponent(to)}`, { method: 'DELETE' })
}
