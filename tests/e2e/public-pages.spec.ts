import { expectNoAxeViolations } from './axe'
import { expect, test } from './fixtures'

test('a first-time visitor learns what Groundwork is and sees the demo chapters', async ({ page }) => {
	await page.goto('/')
	await expect(page.getByRole('heading', { level: 1 })).toContainText('you have a say')
	await expect(page.getByRole('link', { name: 'Find a chapter near you' })).toBeVisible()
	const chapters = page.getByRole('region', { name: 'Chapters already organizing' }).getByRole('article')
	await expect(chapters.first()).toBeVisible()
	expect(await chapters.count()).toBeGreaterThanOrEqual(3)
	await expectNoAxeViolations(page)
})

test('a visitor opens a chapter page and sees its place, description and organizers', async ({ page }) => {
	await page.goto('/chapters')
	const first = page.getByRole('article').first().getByRole('link')
	const name = (await first.textContent())?.trim() ?? ''
	await first.click()
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
	await expect(page.getByRole('heading', { name: 'About this chapter' })).toBeVisible()
	await expect(page.getByRole('heading', { name: 'Organizers' })).toBeVisible()
	await expect(page.getByRole('region', { name: 'Organizers' }).getByRole('listitem').first()).toBeVisible()
	await expectNoAxeViolations(page)
})

test('searching chapters by state narrows the list and says how many match', async ({ page }) => {
	await page.goto('/chapters')
	await page.getByLabel('Search chapters').fill('VA')
	await page.getByRole('button', { name: 'Search' }).click()
	await expect(page).toHaveURL(/q=VA/)
	await expect(page.getByText(/matching “VA”/)).toBeVisible()
	for (const place of await page.getByRole('article').getByText(/, VA/).all()) await expect(place).toBeVisible()
	await page.getByLabel('Search chapters').fill('zzzz-nowhere')
	await page.getByRole('button', { name: 'Search' }).click()
	await expect(page.getByText('No chapters match “zzzz-nowhere”')).toBeVisible()
	await expectNoAxeViolations(page)
})

test('an unknown address answers 404 with a page in the site look', async ({ page }) => {
	const response = await page.goto('/no-such-page')
	expect(response?.status()).toBe(404)
	await expect(page.getByRole('heading', { name: 'We could not find that page' })).toBeVisible()
	await expect(page.getByRole('link', { name: 'Go to the home page' })).toBeVisible()
	await expectNoAxeViolations(page)

	const chapter = await page.goto('/chapters/no-such-chapter')
	expect(chapter?.status()).toBe(404)
})

test('pages fit a 360 px wide phone without sideways scrolling', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 })
	for (const path of ['/', '/chapters']) {
		await page.goto(path)
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
		expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0)
	}
})

test('the skip link moves keyboard users to the main content', async ({ page, javaScriptEnabled }) => {
	test.skip(!javaScriptEnabled, 'keyboard focus check needs a scripted page')
	await page.goto('/')
	await page.keyboard.press('Tab')
	const skip = page.getByRole('link', { name: 'Skip to main content' })
	await expect(skip).toBeFocused()
	await page.keyboard.press('Enter')
	await expect(page).toHaveURL(/#main$/)
})
