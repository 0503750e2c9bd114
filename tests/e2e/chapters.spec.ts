import type { Page } from '@playwright/test'
import { mailboxUrl, waitForEmail } from '../helpers/mailbox'
import { expectNoAxeViolations } from './axe'
import { expect, noSidewaysScroll, test } from './fixtures'

async function signOut(page: Page) {
	await page.getByRole('button', { name: 'Sign out' }).click()
	await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible()
}

test('an organizer starts a chapter, invites a neighbour who accepts from the inbox, and posts an update that arrives', async ({
	page,
	newAccount,
	signIn,
}) => {
	// Many steps (a chapter, a pasted invitation list, the inbox, an update, unsubscribing): slow on a busy machine.
	test.setTimeout(240_000)
	const organizer = await newAccount('organizer', 'Olivia Organizer')
	const neighbour = await newAccount('neighbour', 'Nate Neighbour')
	const name = `Ashburn Neighbors ${Date.now()}`

	// Start a chapter from the list, as a newcomer would.
	await signIn(organizer)
	await page.goto('/chapters')
	await expectNoAxeViolations(page)
	await page.getByRole('link', { name: 'Start a chapter' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Start a chapter' })).toBeVisible()
	await expectNoAxeViolations(page)
	// A mistake keeps what was typed and says what to fix.
	await page.getByLabel('Chapter name').fill(name)
	await page.getByLabel('Where').fill('Atlantis, ZZ')
	await page.getByLabel('What the chapter is about').fill('Neighbours following the data-center plans near Ashburn.')
	await page.getByLabel('People you approve (private)').check()
	await page.getByRole('button', { name: 'Start the chapter' }).click()
	await expect(page.getByRole('alert')).toContainText('We could not find “Atlantis, ZZ”')
	await expect(page.getByLabel('Chapter name')).toHaveValue(name)
	await expect(page.getByLabel('People you approve (private)')).toBeChecked()
	await expectNoAxeViolations(page)
	await page.getByLabel('Where').fill('20147')
	await page.getByRole('button', { name: 'Start the chapter' }).click()
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
	await expect(page.getByText('Your chapter is started')).toBeVisible()
	await expect(page.getByText('Loudoun County, VA')).toBeVisible()
	await expect(page.getByText('You organize this chapter.')).toBeVisible()
	await expect(page.getByText('No updates yet. Write the first one')).toBeVisible()
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)
	const chapterUrl = new URL(page.url()).pathname

	// Invite the neighbour by email.
	await page.getByRole('link', { name: 'Members and invitations' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible()
	await page.getByLabel('Email addresses').fill('not an address')
	await page.getByRole('button', { name: 'Send the invitations' }).click()
	await expect(page.getByRole('alert')).toContainText('Enter an email address like name@example.org')
	await expect(page.getByLabel('Email addresses')).toHaveValue('not an address')
	// A list pasted from an address book: each entry's result is reported.
	await page.getByLabel('Email addresses').fill(`Nora Neighbour <${neighbour.email}>\nnot an address`)
	await page.getByRole('button', { name: 'Send the invitations' }).click()
	await expect(page.getByRole('status')).toContainText('1 invitation sent.')
	await expect(page.getByRole('listitem').filter({ hasText: `${neighbour.email}: invited` })).toBeVisible()
	await expect(page.getByRole('listitem').filter({ hasText: 'not an address: not an email address, skipped' })).toBeVisible()
	await expect(page.getByText(`${neighbour.email} — waiting`)).toBeVisible()
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)
	await signOut(page)

	// The neighbour opens the email in the local inbox and accepts.
	await waitForEmail(neighbour.email, /You are invited to join/)
	await page.goto(mailboxUrl())
	await page
		.getByRole('link', { name: new RegExp(`You are invited to join ${name}`) })
		.first()
		.click()
	const acceptUrl = await page.frameLocator('iframe').getByRole('link', { name: 'Accept the invitation' }).getAttribute('href')
	expect(acceptUrl).toMatch(/\/invitations\/[A-Za-z0-9_-]{40,}$/)
	await page.goto(acceptUrl ?? '')
	await expect(page.getByRole('heading', { name: `Join ${name}` })).toBeVisible()
	await expect(page.getByText('Olivia Organizer invited you')).toBeVisible()
	await expectNoAxeViolations(page)
	// Someone new would sign up with the invited address already filled in.
	await page.getByRole('link', { name: 'Create an account' }).click()
	await expect(page.getByLabel('Email address')).toHaveValue(neighbour.email)
	await page.goto(acceptUrl ?? '')
	await page.getByRole('link', { name: 'Sign in to accept' }).click()
	await page.getByLabel('Email address').fill(neighbour.email)
	await page.getByLabel('Password').fill('prairie lantern 42')
	await page.getByRole('button', { name: 'Sign in', exact: true }).click()
	await page.getByRole('button', { name: 'Accept and join' }).click()
	await expect(page.getByText('You accepted the invitation and joined the chapter')).toBeVisible()
	await expect(page.getByText('You are a member of this chapter.')).toBeVisible()

	// The same link a second time says plainly that it was used.
	await page.goto(acceptUrl ?? '')
	await expect(page.getByText('This invitation was already used')).toBeVisible()
	await expectNoAxeViolations(page)
	await signOut(page)

	// The organizer posts an update; it shows on the page and arrives by email.
	await signIn(organizer, { redirectTo: chapterUrl })
	// First, the audit log has the whole story so far, and the details can be edited.
	await page.getByRole('link', { name: 'Audit log' }).click()
	await expect(page.getByText('Nate Neighbour accepted the email invitation')).toBeVisible()
	await expect(page.getByText(`Olivia Organizer invited ${neighbour.email} by email.`)).toBeVisible()
	await expect(page.getByText('Olivia Organizer started the chapter.')).toBeVisible()
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)
	await page.goto(`${chapterUrl}/edit`)
	await expect(page.getByLabel('Where')).toHaveValue('Loudoun County, VA')
	await expectNoAxeViolations(page)
	await page.goto(chapterUrl)
	await page.getByRole('link', { name: 'Write an update' }).first().click()
	await expect(page.getByText('2 members get it by email now')).toBeVisible()
	await expect(page.getByText(`Replies go to you, at ${organizer.email}`)).toBeVisible()
	await expectNoAxeViolations(page)
	const title = `Comments close Thursday ${Date.now()}`
	await page.getByLabel('Title').fill(title)
	await page.getByLabel('The update').fill('Send **one** specific comment.\n\n- Where you live\n- What worries you')
	await page.getByRole('button', { name: 'Preview' }).click()
	await expect(page.getByRole('region', { name: 'Preview: not posted yet' }).getByText('one', { exact: true })).toBeVisible()
	await expect(page.getByLabel('Title')).toHaveValue(title)
	await page.getByRole('button', { name: 'Post and email it' }).click()
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
	await expect(page.getByText('Posted. Members who want each update')).toBeVisible()
	await expectNoAxeViolations(page)
	await page.goto(chapterUrl)
	await expect(page.getByRole('link', { name: title })).toBeVisible()

	const email = await waitForEmail(neighbour.email, new RegExp(title))
	expect(email.Text).toContain('Send one specific comment')
	const headers = (await (await fetch(`${mailboxUrl()}/api/v1/message/${email.ID}/headers`)).json()) as Record<string, string[]>
	const oneClick = /^<(.+)>$/.exec(headers['List-Unsubscribe']?.[0] ?? '')?.[1] ?? ''
	expect(oneClick).toMatch(/\/unsubscribe\/[0-9a-f-]{36}$/)
	expect(headers['List-Unsubscribe-Post']).toEqual(['List-Unsubscribe=One-Click'])
	expect(email.Text).toContain(oneClick)

	// A mail app's one-click unsubscribe (RFC 8058): a POST from its servers, no session, no Origin.
	const clicked = await page.request.post(oneClick, { form: { 'List-Unsubscribe': 'One-Click' } })
	expect(clicked.status()).toBe(200)
	await page.goto(oneClick)
	await expect(page.getByText(`Done: you will not get update emails from ${name}`)).toBeVisible()

	// The organizer got it too, and stops it from the page the link opens.
	const own = await waitForEmail(organizer.email, new RegExp(title))
	const link = /https?:\/\/\S+\/unsubscribe\/[0-9a-f-]{36}/.exec(own.Text)?.[0] ?? ''
	await signOut(page)
	await page.goto(link)
	await expect(page.getByRole('heading', { name: `Stop emails from ${name}` })).toBeVisible()
	await expectNoAxeViolations(page)
	await page.getByRole('button', { name: 'Stop these emails' }).click()
	await expect(page.getByText(`Done: you will not get update emails from ${name}`)).toBeVisible()
})

test('the last organizer cannot leave, and is told why', async ({ page, newAccount, signIn }) => {
	const organizer = await newAccount('solo', 'Sol Organizer')
	await signIn(organizer)
	await page.goto('/chapters/new')
	await page.getByLabel('Chapter name').fill(`Solo Chapter ${Date.now()}`)
	await page.getByLabel('Where').fill('Tucson, AZ')
	await page.getByLabel('Anyone (public)').check()
	await page.getByRole('button', { name: 'Start the chapter' }).click()
	await expect(page.getByText('You organize this chapter.')).toBeVisible()
	await page.getByText('Leave this chapter').click()
	await page.getByRole('button', { name: 'Leave the chapter' }).click()
	await expect(page.getByRole('alert')).toContainText('You are this chapter’s only organizer, so you cannot leave yet')
	await expect(page.getByText('You organize this chapter.')).toBeVisible()
	await expectNoAxeViolations(page)
})

test('a visitor finds chapters near a ZIP code and by state on the map table', async ({ page }) => {
	await page.goto('/chapters')
	await page.getByLabel('Find chapters near you').fill('31029')
	await page.getByRole('button', { name: 'Find', exact: true }).click()
	await expect(page.getByRole('heading', { name: /Chapters near Forsyth, GA 31029/ })).toBeVisible()
	// Nearest first: chapters in Monroe County (other tests may have started some) before any elsewhere.
	await expect(page.getByRole('article').first()).toContainText('Monroe County, GA')
	await expect(page.getByRole('article').filter({ hasText: 'Monroe County Land and Water' })).toBeVisible()
	await expect(page.getByText(/About [\d.]+ mi away/).first()).toBeVisible()
	await expectNoAxeViolations(page)
	await page.getByRole('table', { name: 'Chapters by state' }).getByRole('link', { name: 'Arizona' }).click()
	await expect(page.getByRole('heading', { name: 'Chapters in Arizona' })).toBeVisible()
	for (const card of await page.getByRole('article').all()) await expect(card).toContainText(', AZ')
	const map = await page.request.get('/chapters/map.svg')
	expect(map.headers()['content-type']).toContain('image/svg+xml')
	expect(await map.text()).toContain('<circle')
	await noSidewaysScroll(page)
})

test('chapter and event pages fit a 360 px wide phone', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 })
	for (const path of [
		'/chapters?near=20147',
		'/chapters/tucson-water-watch',
		'/chapters/tucson-water-watch/events',
		'/chapters/tucson-water-watch/events/5eed0e00-0000-4000-8000-000000000004',
	]) {
		await page.goto(path)
		await noSidewaysScroll(page)
	}
})
