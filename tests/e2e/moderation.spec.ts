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

test('a takedown needs a reason and a confirmation; the page then says moderators removed it, and the organizer sees why and can ask for a review', async ({
	page,
	browser,
	signIn,
	demo,
}) => {
	test.setTimeout(90_000)
	// A petition of its own, so the journeys that share the demo petitions are not affected.
	// The organizer's own context (axe checks pages of a context the test made).
	const organizerContext = await browser.newContext()
	const organizer = await organizerContext.newPage()
	let slug = ''
	try {
		await signIn(demo.marcus, { page: organizer })
		await organizer.goto('/petitions/new')
		const title = `Publish the aquifer report before the vote ${Date.now().toString(36)}`
		await organizer.getByLabel('Title').fill(title)
		await organizer.getByLabel('Who it is addressed to').fill('Monroe County Board of Commissioners')
		await organizer.getByLabel('Summary').fill('The county has the aquifer report and should publish it before the rezoning vote.')
		await organizer.getByLabel('Signature goal').fill('100')
		await organizer.getByRole('button', { name: 'Save the draft' }).click()
		await organizer.getByRole('button', { name: 'Publish the petition' }).click()
		await expect(organizer.getByText('Your petition is published')).toBeVisible()
		slug = new URL(organizer.url()).pathname.split('/')[2] ?? ''

		await signIn(demo.priya)
		await page.goto(`/moderation/petitions/${slug}`)
		const takedown = page.getByRole('region', { name: 'Take this petition down' })
		await takedown.getByRole('button', { name: 'Take it down' }).click()
		await expect(page.getByRole('alert')).toContainText('Say why the petition is being taken down')
		await expect(page.getByRole('alert')).toContainText('Tick the box to confirm the takedown')
		await takedown.getByLabel('Reason').fill('It repeats a private person’s phone number.')
		await takedown.getByRole('button', { name: 'Take it down' }).click()
		await expect(page.getByRole('alert')).toContainText('Tick the box to confirm the takedown')
		await expect(takedown.getByLabel('Reason')).toHaveValue('It repeats a private person’s phone number.')
		await takedown.getByLabel('I have read the petition, and taking it down is right').check()
		await takedown.getByRole('button', { name: 'Take it down' }).click()
		await expect(page.getByText('The petition is taken down.')).toBeVisible()
		await expect(page.getByText('Taken down for: It repeats a private person’s phone number.')).toBeVisible()
		await expectNoAxeViolations(page)

		const visitor = await browser.newContext()
		const gone = await visitor.newPage()
		const response = await gone.goto(`/petitions/${slug}`)
		expect(response?.status()).toBe(410)
		await expect(gone.getByRole('heading', { level: 1, name: 'This petition was removed' })).toBeVisible()
		await expect(gone.getByText('Groundwork’s moderators took this petition down')).toBeVisible()
		await expect(gone.getByText('may have been renamed')).toHaveCount(0)
		await expectNoAxeViolations(gone)
		await visitor.close()

		await organizer.goto(`/petitions/${slug}/manage`)
		await expect(organizer.getByText('Taken down by moderators')).toBeVisible()
		await expect(organizer.getByText('It repeats a private person’s phone number.')).toBeVisible()
		await organizer.getByLabel('What should the moderators know?').fill('We took the number out of the summary.')
		await organizer.getByRole('button', { name: 'Send the request' }).click()
		await expect(organizer.getByText('Your request is with the moderators.')).toBeVisible()
		await expectNoAxeViolations(organizer)

		await page.goto('/moderation')
		await expect(page.getByText('We took the number out of the summary.')).toBeVisible()
		await page.goto(`/moderation/petitions/${slug}`)
		await page.getByRole('button', { name: 'Put it back' }).click()
		await expect(page.getByText('The petition is public again.')).toBeVisible()
		const back = await page.request.get(`/petitions/${slug}`)
		expect(back.status()).toBe(200)
	} finally {
		await organizerContext.close()
	}
})
