import { expectNoAxeViolations } from './axe'
import { expect, noSidewaysScroll, test } from './fixtures'

// Issue 15, items 1 and 2, at 360 px with JavaScript on (chromium) and off (phone-no-js).
test.use({ viewport: { width: 360, height: 780 } })
test.describe.configure({ timeout: 90_000 })

test('a visitor types a ZIP on the home page and sees what is open there; petitions and events are found by town and state', async ({
	page,
}) => {
	await page.goto('/')
	await page.getByLabel('Your ZIP code, town, county or state').fill('99999')
	await page.getByRole('button', { name: 'Show what is open' }).click()
	await expect(page.getByText('There is no ZIP code 99999.')).toBeVisible()
	await expect(page.getByLabel('Your ZIP code, town, county or state')).toHaveValue('99999')
	await expectNoAxeViolations(page)

	await page.getByLabel('Your ZIP code, town, county or state').fill('22192')
	await page.getByRole('button', { name: 'Show what is open' }).click()
	await expect(page.getByRole('heading', { level: 2, name: 'Open in Woodbridge, VA 22192 (Prince William County)' })).toBeVisible()
	await expect(page.getByRole('link', { name: /Pause new data-center zoning in Prince William County/ })).toBeVisible()
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)

	await page.goto('/petitions?q=VA')
	await expect(page.getByText(/from chapters in Virginia/)).toBeVisible()
	await expect(page.getByRole('link', { name: /Pause new data-center zoning in Prince William County/ })).toBeVisible()
	await noSidewaysScroll(page)

	await page.goto('/events')
	await page.getByLabel('Your ZIP code, town, county or state').fill('Ashburn, VA')
	await page.getByRole('button', { name: 'Show what is open' }).click()
	await expect(page.getByText(/events? in Ashburn, VA \(Loudoun County\)/)).toBeVisible()
	await expect(page.getByRole('link', { name: 'Training: say it in three minutes at a public hearing' })).toBeVisible()
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)
})

test('signing in lands on the member home: coming up, chapters, what I signed, and one page of email settings', async ({
	page,
	newAccount,
	signIn,
}) => {
	const account = await newAccount('home', 'Hana Home')
	await signIn(account)
	await expect(page).toHaveURL(/\/home$/)
	await expect(page.getByRole('heading', { level: 1, name: 'Welcome back, Hana Home.' })).toBeVisible()
	await expect(page.getByRole('heading', { name: 'Coming up' })).toBeVisible()
	await expect(page.getByText('Nothing in the next 60 days.')).toBeVisible()
	await expect(page.getByRole('heading', { name: 'Your chapters' })).toBeVisible()
	await expect(page.getByRole('heading', { name: 'What you signed' })).toBeVisible()
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)

	// The site's front page sends a member home.
	await page.goto('/')
	await expect(page).toHaveURL(/\/home$/)

	// Join a public chapter: it shows on the home page, and its emails on the settings page.
	await page.goto('/chapters/loudoun-residents-for-responsible-siting')
	await page.getByRole('button', { name: 'Join this chapter' }).click()
	await expect(page.getByRole('button', { name: 'Join this chapter' })).toHaveCount(0)
	await page.getByRole('link', { name: 'Your home' }).click()
	await expect(page.getByRole('link', { name: 'Loudoun Residents for Responsible Siting' })).toBeVisible()

	await page.getByRole('link', { name: 'Email settings' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Email settings' })).toBeVisible()
	const frequency = page.getByLabel('Updates from Loudoun Residents for Responsible Siting')
	await expect(frequency).toHaveValue('immediate')
	await frequency.selectOption('weekly')
	await page.getByRole('button', { name: 'Save', exact: true }).click()
	await expect(page.getByText('Saved. Your email settings are up to date.')).toBeVisible()
	await expect(page.getByLabel('Updates from Loudoun Residents for Responsible Siting')).toHaveValue('weekly')
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)
})

test('a name several places share offers a choice: starting a chapter asks which county, and "near me" lists each place (issue 15, item 12)', async ({
	page,
	newAccount,
	signIn,
}) => {
	await signIn(await newAccount('chooser', 'Casey Chooser'))
	const name = `Washington Watch ${Date.now()}`
	await page.goto('/chapters/new')
	await page.getByLabel('Chapter name').fill(name)
	await page.getByLabel('Where').fill('Washington County')
	await page.getByLabel('Anyone (public)').check()
	await page.getByRole('button', { name: 'Start the chapter' }).click()
	await expect(page.getByRole('alert')).toContainText('More than one place is called “Washington County”. Choose the one you mean.')
	const choice = page.getByRole('group', { name: 'Which place do you mean?' })
	await expect(choice.getByRole('radio')).not.toHaveCount(0)
	await expect(page.getByLabel('Chapter name')).toHaveValue(name)
	await expect(page.getByLabel('Where')).toHaveValue('Washington County')
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)
	await choice.getByLabel('Washington County, PA').check()
	await page.getByRole('button', { name: 'Start the chapter' }).click()
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
	await expect(page.getByText('Washington County, PA')).toBeVisible()

	await page.goto('/chapters')
	await page.getByLabel('Find chapters near you').fill('Springfield')
	await page.getByRole('button', { name: 'Find', exact: true }).click()
	await expect(page.getByText('More than one place is called “Springfield”. Choose the one you mean.')).toBeVisible()
	await expect(page.getByText('Which one do you mean?')).toBeVisible()
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)
	await page.getByRole('link', { name: 'Springfield, IL (Sangamon County)' }).click()
	await expect(page.getByRole('heading', { name: 'Chapters near Springfield, IL (Sangamon County)' })).toBeVisible()
	await expect(page.getByLabel('Find chapters near you')).toHaveValue('Springfield, IL')

	// A town is found by name and state; an unknown ZIP is told so.
	await page.goto('/projects?near=Manassas%2C%20VA')
	await expect(page.getByRole('heading', { name: /Nearest to Manassas, VA/ })).toBeVisible()
	await page.goto('/projects?near=99999')
	await expect(page.getByText('There is no ZIP code 99999.')).toBeVisible()
	await expectNoAxeViolations(page)
})
