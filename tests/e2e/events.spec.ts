import type { Browser, Page } from '@playwright/test'
import { uniqueEmail } from '../helpers/accounts'
import { waitForEmail } from '../helpers/mailbox'
import { expectNoAxeViolations } from './axe'
import { expect, localDateTime, noSidewaysScroll, test } from './fixtures'

/** A browser of the visitor's own: no account, no cookies, the project's JavaScript setting. */
async function visitorPage(browser: Browser): Promise<Page> {
	const use = test.info().project.use
	const context = await browser.newContext({ ...use, javaScriptEnabled: use.javaScriptEnabled !== false, baseURL: use.baseURL })
	return context.newPage()
}

async function rsvpAsVisitor(page: Page, eventPath: string, name: string, email: string) {
	await page.goto(eventPath)
	await page.getByLabel('Your name').fill(name)
	await page.getByLabel('Email address').fill(email)
	await page.getByRole('button', { name: /I’ll be there|Join the waitlist/ }).click()
}

test('an organizer creates an event; visitors without accounts say yes; a cancellation moves the waitlist', async ({
	page,
	browser,
	newAccount,
	signIn,
}) => {
	test.setTimeout(120_000)
	const organizer = await newAccount('events', 'Evan Organizer')
	await signIn(organizer)
	await page.goto('/chapters/new')
	const chapterName = `Hearing Watchers ${Date.now()}`
	await page.getByLabel('Chapter name').fill(chapterName)
	await page.getByLabel('Where').fill('Monroe County, GA')
	await page.getByLabel('Anyone (public)').check()
	await page.getByRole('button', { name: 'Start the chapter' }).click()
	await expect(page.getByText('No events yet. Start with the next public hearing')).toBeVisible()

	// Create an event with one place, so the second visitor waits.
	await page.getByRole('link', { name: 'Create an event' }).first().click()
	await expectNoAxeViolations(page)
	await page.getByLabel('Public hearing').check()
	await page.getByLabel('Title').fill('County commission hearing on the technology campus')
	await page.getByLabel('Starts').fill(localDateTime(4, 18))
	await page.getByLabel('Ends').fill(localDateTime(4, 17))
	await page.getByLabel('Time zone').selectOption('America/New_York')
	await page.getByLabel('Places', { exact: true }).fill('1')
	await page.getByRole('button', { name: 'Create the event' }).click()
	const summary = page.getByRole('alert')
	await expect(summary).toContainText('The end must be after the start')
	await expect(summary).toContainText('Enter a place, an online link, or both')
	await expect(page.getByLabel('Title')).toHaveValue('County commission hearing on the technology campus')
	await expectNoAxeViolations(page)
	await page.getByLabel('Ends').fill(localDateTime(4, 20))
	await page.getByLabel('Place', { exact: true }).fill('Monroe County Courthouse, Room 1')
	await page.getByLabel('Street address').fill('1 Courthouse Square, Forsyth, GA 31029')
	await page.getByRole('button', { name: 'Create the event' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'County commission hearing on the technology campus' })).toBeVisible()
	await expect(page.getByText('The event is posted')).toBeVisible()
	await expect(page.getByText('1 place left of 1')).toBeVisible()
	await expect(page.getByText(/6:00 PM – 8:00 PM EST|6:00 PM – 8:00 PM EDT/)).toBeVisible()
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)
	const eventPath = new URL(page.url()).pathname

	// The calendar file is there for everyone.
	const ics = await page.request.get(`${eventPath}/calendar.ics`)
	expect(ics.headers()['content-type']).toContain('text/calendar')
	expect(await ics.text()).toContain('SUMMARY:County commission hearing on the technology campus')

	// The first visitor takes the only place.
	const first = await visitorPage(browser)
	const firstEmail = uniqueEmail('first-visitor')
	await first.goto(eventPath)
	await expectNoAxeViolations(first)
	await first.getByRole('button', { name: 'I’ll be there' }).click()
	await expect(first.getByRole('alert')).toContainText('Enter your name')
	await rsvpAsVisitor(first, eventPath, 'Fiona First', firstEmail)
	await expect(first.getByText('You have a place.').first()).toBeVisible()
	await expectNoAxeViolations(first)
	await noSidewaysScroll(first)
	const manageUrl = first.url()
	expect(manageUrl).toMatch(/\/rsvp\/[0-9a-f-]{36}\?notice=going$/)
	const confirmation = await waitForEmail(firstEmail, /^You have a place: County commission hearing/)
	expect(confirmation.Text).toContain(new URL(manageUrl).pathname)

	// The second visitor finds it full and joins the waitlist.
	const second = await visitorPage(browser)
	const secondEmail = uniqueEmail('second-visitor')
	await second.goto(eventPath)
	await expect(second.getByText('Full: join the waitlist')).toBeVisible()
	await rsvpAsVisitor(second, eventPath, 'Sam Second', secondEmail)
	await expect(second.getByText('you are number 1 on the waitlist').first()).toBeVisible()
	await waitForEmail(secondEmail, /^You are on the waitlist/)

	// The organizer's printable check-in list has both names, in order.
	await page.reload()
	await expect(page.getByText('1 person has a place; 1 on the waitlist.')).toBeVisible()
	await page.getByRole('link', { name: 'Check-in list to print' }).click()
	await expect(page.getByRole('table', { name: 'Going (1)' })).toContainText('Fiona First')
	await expect(page.getByRole('table', { name: 'Waitlist, in order (1)' })).toContainText('Sam Second')
	await expectNoAxeViolations(page)

	// The first visitor cancels from their link; the second moves up and is told.
	await first.goto(manageUrl.replace(/\?.*$/, ''))
	await first.getByRole('button', { name: 'I can’t come after all' }).click()
	await expect(first.getByText('Your answer is cancelled')).toBeVisible()
	await waitForEmail(secondEmail, /^A place opened up for you/)
	// Their page, still at the address the waitlist answer left (…?notice=waitlisted), says they have a place and nothing else (issue 15, item 15).
	expect(second.url()).toMatch(/\/rsvp\/[0-9a-f-]{36}\?notice=waitlisted$/)
	await second.reload()
	await expect(second.getByText('You have a place.')).toBeVisible()
	await expect(second.getByText(/number \d+ on the waitlist/)).toHaveCount(0)
	await page.goto(eventPath)
	await expect(page.getByText('1 person has a place; 0 on the waitlist.')).toBeVisible()
	await page.getByRole('link', { name: 'Check-in list to print' }).click()
	await expect(page.getByRole('table', { name: 'Going (1)' })).toContainText('Sam Second')

	// Cancelling the event tells everyone who said yes.
	await page.goto(eventPath)
	await page.getByText('Cancel this event').click()
	await page.getByLabel('Reason (optional)').fill('The commission moved the hearing to January.')
	await page.getByRole('button', { name: 'Cancel the event and tell everyone' }).click()
	await expect(page.getByText('The event is cancelled. Everyone who said yes is being emailed.')).toBeVisible()
	const cancelled = await waitForEmail(secondEmail, /^Cancelled: County commission hearing/)
	expect(cancelled.Text).toContain('The commission moved the hearing to January.')
	await second.goto(eventPath)
	await expect(second.getByText('This event was cancelled, so it takes no more answers.')).toBeVisible()
	await expectNoAxeViolations(second)
	await first.context().close()
	await second.context().close()
})

test('a signed-in member says yes with one button and can change their mind', async ({ page, newAccount, signIn }) => {
	const member = await newAccount('member', 'Mia Member')
	await signIn(member)
	await page.goto('/chapters/loudoun-residents-for-responsible-siting')
	await page.getByRole('button', { name: 'Join this chapter' }).click()
	await expect(page.getByText('You joined.')).toBeVisible()
	await page.getByRole('link', { name: 'Board of Supervisors public hearing on the proposed Amazon campus' }).click()
	await page.getByRole('button', { name: 'I’ll be there' }).click()
	await expect(page.getByText('You have a place. We will email you a reminder the day before.')).toBeVisible()
	await expectNoAxeViolations(page)
	await page.getByRole('button', { name: 'I can’t come after all' }).click()
	await expect(page.getByText('Your answer is cancelled.')).toBeVisible()
	await expect(page.getByRole('button', { name: 'I’ll be there' })).toBeVisible()
})

test('the chapter’s events page and calendar feed list its events', async ({ page }) => {
	await page.goto('/chapters/tucson-water-watch/events')
	await expect(page.getByRole('heading', { level: 1, name: 'Events: Tucson Water Watch' })).toBeVisible()
	await expect(page.getByRole('article').filter({ hasText: 'Canvass' }).first()).toContainText('Full: 1 person on the waitlist')
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)
	const feed = await page.request.get('/chapters/tucson-water-watch/calendar.ics')
	const text = await feed.text()
	expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/)
	expect(text).toContain('X-WR-CALNAME:Tucson Water Watch')
	expect(text.match(/BEGIN:VEVENT/g)?.length ?? 0).toBeGreaterThanOrEqual(1)
})

test('an organizer edits an event: a typo fix tells nobody, a new room emails those who said yes; a long title never widens a phone', async ({
	page,
	browser,
	newAccount,
	signIn,
}) => {
	test.setTimeout(120_000)
	await page.setViewportSize({ width: 360, height: 800 })
	const organizer = await newAccount('editor', 'Edie Editor')
	await signIn(organizer)
	// A chapter and an event named with one long word each, as a paste from somewhere sometimes is.
	const longWord = `Hearing${'x'.repeat(143)}`
	await page.goto('/chapters/new')
	await page.getByLabel('Chapter name').fill(`Watch${'w'.repeat(95)} ${Date.now()}`)
	await page.getByLabel('Where').fill('Monroe County, GA')
	await page.getByLabel('Anyone (public)').check()
	await page.getByRole('button', { name: 'Start the chapter' }).click()
	await expect(page.getByText('Your chapter is started')).toBeVisible()
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
	await page.getByRole('link', { name: 'Create an event' }).first().click()
	await page.getByLabel('Meeting').check()
	await page.getByLabel('Title').fill(longWord)
	await page.getByLabel('Starts').fill(localDateTime(5, 18))
	await page.getByLabel('Ends').fill(localDateTime(5, 20))
	await page.getByLabel('Time zone').selectOption('America/New_York')
	await page.getByLabel('Place', { exact: true }).fill('Library, Room A')
	await page.getByRole('button', { name: 'Create the event' }).click()
	await expect(page.getByText('The event is posted')).toBeVisible()
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
	const eventPath = new URL(page.url()).pathname
	await page.goto(eventPath.replace(/\/events\/.*$/, ''))
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)

	const visitor = await visitorPage(browser)
	const visitorEmail = uniqueEmail('edit-visitor')
	await rsvpAsVisitor(visitor, eventPath, 'Vera Visitor', visitorEmail)
	await waitForEmail(visitorEmail, /^You have a place/)

	// The edit form starts from the event as it is and says who will be told.
	await page.goto(eventPath)
	await page.getByRole('link', { name: 'Edit this event' }).click()
	await expect(page.getByLabel('Title')).toHaveValue(longWord)
	await expect(page.getByLabel('Place', { exact: true })).toHaveValue('Library, Room A')
	await expect(page.getByText('we email the 1 person who said yes')).toBeVisible()
	await expectNoAxeViolations(page)
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)

	// Bad input: every error at once, the start in the past among them, and nothing typed lost.
	await page.getByLabel('Title').fill('No')
	await page.getByLabel('Starts').fill(localDateTime(-3, 18))
	await page.getByLabel('Ends').fill(localDateTime(-3, 20))
	await page.getByRole('button', { name: 'Save the changes' }).click()
	const summary = page.getByRole('alert').first()
	await expect(summary).toContainText('Use at least 3 characters')
	await expect(summary).toContainText('That time has passed')
	await expect(page.getByLabel('Title')).toHaveValue('No')

	// A typo fix: saved, nobody emailed.
	await page.goto(`${eventPath}/edit`)
	await page.getByLabel('Title').fill('Library meeting on the siting rules')
	await page.getByRole('button', { name: 'Save the changes' }).click()
	await expect(page.getByText('Your changes are saved.')).toBeVisible()
	await expect(page.getByRole('heading', { level: 1, name: 'Library meeting on the siting rules' })).toBeVisible()

	// A new room: the visitor is told what it was and what it is now.
	await page.getByRole('link', { name: 'Edit this event' }).click()
	await page.getByLabel('Place', { exact: true }).fill('Library, Room B')
	await page.getByRole('button', { name: 'Save the changes' }).click()
	await expect(page.getByText('The 1 person who said yes is being emailed the new time or place.')).toBeVisible()
	const changed = await waitForEmail(visitorEmail, /^Changed: Library meeting on the siting rules/)
	expect(changed.Text).toContain('Library, Room B')
	expect(changed.Text).toContain('Library, Room A')
	const ics = await (await page.request.get(`${eventPath}/calendar.ics`)).text()
	expect(ics).toContain('SEQUENCE:2')
	expect(ics).toContain('SUMMARY:Library meeting on the siting rules')
	await expectNoAxeViolations(page)
})
