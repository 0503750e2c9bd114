import { expectNoAxeViolations } from './axe'
import { expect, test } from './fixtures'

// Moderation: a report reaches the moderators' queue, and moderators act on
// where a petition's signatures come from without organizers ever seeing an
// IP address.

const MONROE = '/petitions/public-hearing-before-monroe-county-wells'

test('a moderator reviews reports and where signatures come from', async ({ page, signIn, demo }) => {
	// Three axe scans and a sign-in: on a loaded 2-core machine this passes 30 s.
	test.setTimeout(60_000)
	await page.goto(`${MONROE}/report`)
	await expectNoAxeViolations(page)
	await page.getByLabel('It is spam or advertising').check()
	await page.getByLabel('Details (optional)').fill('Testing the moderation queue')
	await page.getByRole('button', { name: 'Send the report' }).click()
	await expect(page.getByRole('heading', { name: 'Thank you for your report' })).toBeVisible()

	await signIn(demo.priya)
	await page.goto('/moderation')
	await expect(page.getByText('Testing the moderation queue').first()).toBeVisible()
	await expectNoAxeViolations(page)
	await page.goto('/moderation/petitions/public-hearing-before-monroe-county-wells')
	await expect(page.getByRole('table', { name: 'IP address' })).toBeVisible()
	await page.getByLabel('Email domain').fill('nobody-signs-from-here.example')
	await page.getByRole('button', { name: 'Count matching signatures' }).click()
	await expect(page.getByText('No signatures match.')).toBeVisible()
	await expectNoAxeViolations(page)
})

test('after a moderator removes and releases signatures by IP address, the organizer’s page carries no IP address', async ({
	page,
	browser,
	signIn,
	demo,
}, testInfo) => {
	test.setTimeout(60_000)
	// One address per project: both run at once on the same demo data.
	const ip = testInfo.project.name === 'chromium' ? '192.0.2.41' : '192.0.2.42'
	await signIn(demo.priya)
	await page.goto('/moderation/petitions/public-hearing-before-monroe-county-wells')
	await page.getByLabel('IP address').fill(ip)
	await page.getByRole('button', { name: 'Count matching signatures' }).click()
	await expect(page.getByText('No signatures match.')).toBeVisible()
	await page.getByRole('button', { name: 'Remove 0 signatures' }).click()
	await expect(page.getByText('No signatures were removed.')).toBeVisible()
	// Releasing by IP address is a button on each row of the IP table; sent here as that form sends it.
	const released = await page.request.post('/moderation/petitions/public-hearing-before-monroe-county-wells', {
		form: { intent: 'clear', ip },
		headers: { Origin: new URL(page.url()).origin },
		maxRedirects: 0,
	})
	expect(released.status()).toBe(302)

	const organizer = await browser.newPage()
	try {
		await signIn(demo.marcus, { page: organizer })
		await organizer.goto(`${MONROE}/manage`)
		const log = organizer.getByRole('region', { name: 'Log of downloads and moderation' })
		await expect(log).toContainText('a moderator removed signatures')
		await expect(log).toContainText('a moderator released held signatures')
		// The HTML and the data it carries for the browser, as the server sent them.
		const html = await (await organizer.request.get(`${MONROE}/manage`)).text()
		expect(html).toContain('a moderator removed signatures')
		expect(html).not.toContain(ip)
		expect(await organizer.content()).not.toContain(ip)
	} finally {
		await organizer.close()
	}
})
