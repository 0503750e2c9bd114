import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { uniqueEmail } from '../helpers/accounts'
import { mailboxUrl, waitForEmail } from '../helpers/mailbox'
import { expectNoAxeViolations } from './axe'
import { expect, test } from './fixtures'

// Petition journeys, run with JavaScript (desktop) and without (phone).
// The demo data has open petitions; Marcus Bell organizes the Monroe County
// chapter and its petition; Priya Raman is the demo moderator.

const MONROE = '/petitions/public-hearing-before-monroe-county-wells'
/** The form refuses (quietly) a submission sooner than a person could have read and typed. */
const FILL_TIME_MS = 3200

async function count(page: Page) {
	const text =
		(await page
			.getByText(/signatures? of a [\d,]+ goal/)
			.first()
			.textContent()) ?? ''
	return Number(/([\d,]+)/.exec(text)?.[1]?.replaceAll(',', '') ?? Number.NaN)
}

async function fillSignature(page: Page, fields: { name: string; email: string; zip: string; updates?: boolean }) {
	const form = page.getByRole('complementary', { name: 'Sign this petition' })
	await form.getByLabel('Your full name').fill(fields.name)
	await form.getByLabel('Email address').fill(fields.email)
	await form.getByLabel('ZIP or postal code').fill(fields.zip)
	await form.getByLabel('Show my name and town on this page').check()
	if (fields.updates) await form.getByLabel('Email me updates about this petition').check()
	return form
}

async function signAndConfirm(page: Page, petition: string, fields: { name: string; email: string; zip: string; updates?: boolean }) {
	await page.goto(petition)
	const form = await fillSignature(page, fields)
	await page.waitForTimeout(FILL_TIME_MS)
	await form.getByRole('button', { name: 'Sign the petition' }).click()
	await expect(page.getByRole('heading', { name: 'Check your email to confirm' })).toBeVisible()
	const message = await waitForEmail(fields.email, /Confirm your signature/)
	const link = /https?:\/\/\S+\/confirm\?token=[0-9a-f-]+/.exec(message.Text)?.[0] ?? ''
	await page.goto(link)
	await expect(page.getByRole('heading', { name: 'Your signature is confirmed' })).toBeVisible()
}

test('a visitor signs, confirms from the local inbox, and sees the count change', async ({ page }) => {
	test.setTimeout(60_000)
	await page.goto('/petitions')
	await expectNoAxeViolations(page)
	// The list holds every open petition (the other journeys and tests add theirs): a visitor searches.
	await page.getByRole('searchbox', { name: 'Search petitions' }).fill('wells')
	await page.getByRole('button', { name: 'Search', exact: true }).click()
	await page.getByRole('link', { name: 'No new wells for data centers in Monroe County without a public hearing' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'No new wells for data centers in Monroe County without a public hearing',
	)
	await expectNoAxeViolations(page)
	const before = await count(page)

	const email = uniqueEmail('signer')
	const form = await fillSignature(page, { name: 'Dana Quinn', email, zip: '31029' })
	await page.waitForTimeout(FILL_TIME_MS)
	await form.getByRole('button', { name: 'Sign the petition' }).click()
	await expect(page.getByRole('heading', { name: 'Check your email to confirm' })).toBeVisible()
	await expectNoAxeViolations(page)

	// Open the email in the local inbox, as a signer would.
	await waitForEmail(email, /Confirm your signature/)
	await page.goto(mailboxUrl())
	await page
		.getByRole('link', { name: /Confirm your signature: No new wells/ })
		.first()
		.click()
	const confirm = await page.frameLocator('iframe').getByRole('link', { name: 'Confirm my signature' }).getAttribute('href')
	expect(confirm).toMatch(/\/petitions\/public-hearing-before-monroe-county-wells\/confirm\?token=/)
	await page.goto(confirm ?? '')
	await expect(page.getByRole('heading', { name: 'Your signature is confirmed' })).toBeVisible()
	await expectNoAxeViolations(page)

	await page.getByRole('link', { name: 'Back to the petition' }).click()
	await expect
		.poll(
			async () => {
				await page.reload()
				return count(page)
			},
			{ timeout: 15_000 },
		)
		.toBeGreaterThan(before)
	// The name as the signer gave it (docs/decisions/079).
	await expect(page.getByRole('region', { name: 'Recent signers' })).toContainText('Dana Quinn, Forsyth, GA')
})

// Until issue 8 the second answer said "You have already signed — please confirm", at its own
// address (?result=already_pending): anyone could test an address for a signature. Now every
// submission gets the same page at the same address, and only the email says what happened.
test('signing twice with the same address in another form gets the same answer as the first time and adds nothing', async ({ page }) => {
	test.setTimeout(60_000)
	const email = uniqueEmail('twice').replace('@', '+first@')
	await page.goto(MONROE)
	let form = await fillSignature(page, { name: 'Sam Twice', email, zip: '31029' })
	await page.waitForTimeout(FILL_TIME_MS)
	await form.getByRole('button', { name: 'Sign the petition' }).click()
	await expect(page.getByRole('heading', { name: 'Check your email to confirm' })).toBeVisible()
	// The same page: the address without its fragment (the form posts to `#sign`, which a browser may carry over the redirect).
	const answer = async () => ({ url: page.url().split('#')[0], text: await page.getByRole('main').innerText() })
	const firstAnswer = await answer()

	await page.goto(MONROE)
	form = await fillSignature(page, { name: 'Sam Twice', email: email.replace('+first', '+second').toUpperCase(), zip: '31029' })
	await page.waitForTimeout(FILL_TIME_MS)
	await form.getByRole('button', { name: 'Sign the petition' }).click()
	await expect(page.getByRole('heading', { name: 'Check your email to confirm' })).toBeVisible()
	expect(await answer()).toEqual(firstAnswer)
	await expectNoAxeViolations(page)
})

test('a ZIP code we do not know gets an error next to the field and keeps everything typed', async ({ page }) => {
	await page.goto(MONROE)
	const form = await fillSignature(page, { name: 'Lee Typo', email: 'lee.typo@example.org', zip: '00000' })
	await form.getByLabel('Comment (optional)').fill('Our well went dry last summer.')
	await page.waitForTimeout(FILL_TIME_MS)
	await form.getByRole('button', { name: 'Sign the petition' }).click()
	const summary = page.getByRole('alert')
	await expect(summary).toContainText('We do not know that ZIP code')
	// Without JavaScript too, the page comes back at the form, with its error summary in view.
	expect(new URL(page.url()).hash).toBe('#sign')
	await expect(summary).toBeInViewport()
	const again = page.getByRole('complementary', { name: 'Sign this petition' })
	await expect(again.getByLabel('Your full name')).toHaveValue('Lee Typo')
	await expect(again.getByLabel('Email address')).toHaveValue('lee.typo@example.org')
	await expect(again.getByLabel('ZIP or postal code')).toHaveValue('00000')
	await expect(again.getByLabel('ZIP or postal code')).toHaveAttribute('aria-invalid', 'true')
	await expect(again.getByLabel('Comment (optional)')).toHaveValue('Our well went dry last summer.')
	await expect(again.getByLabel('Show my name and town on this page')).toBeChecked()
	await expectNoAxeViolations(page)
})

test('an organizer starts a petition, publishes it, and it is open for signatures', async ({ page, signIn, demo }) => {
	test.setTimeout(60_000)
	await signIn(demo.marcus)
	await page.goto('/petitions/new')
	await expectNoAxeViolations(page)
	const title = `Fund a groundwater survey before any rezoning ${Date.now().toString(36)}`
	// Too short a summary first: the error says so and nothing typed is lost.
	await page.getByLabel('Title').fill(title)
	await page.getByLabel('Who it is addressed to').fill('Monroe County Board of Commissioners')
	await page.getByLabel('Summary').fill('Too short')
	await page.getByLabel('The full text').fill('We ask for a **countywide** groundwater survey.')
	await page.getByLabel('Signature goal').fill('250')
	await page.getByRole('button', { name: 'Save the draft' }).click()
	await expect(page.getByRole('alert')).toContainText('Write a summary of at least 20 characters')
	await expect(page.getByLabel('Title')).toHaveValue(title)
	await page
		.getByLabel('Summary')
		.fill('Commission a countywide groundwater survey and publish it before voting on any data-center rezoning.')
	await page.getByRole('button', { name: 'Save the draft' }).click()

	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
	await expect(page.getByText('Your draft is saved')).toBeVisible()
	await expectNoAxeViolations(page)
	const manage = page.url()
	const publicPage = manage.replace(/\/manage.*$/, '')
	// Nobody else sees a draft.
	const visitor = await page.context().browser()?.newContext()
	const response = await visitor?.request.get(publicPage)
	expect(response?.status()).toBe(404)
	await visitor?.close()
	// The organizer's preview says it is a draft and what publishing does, not that signing has closed.
	await page.getByRole('link', { name: 'Preview the page' }).click()
	await expect(page.getByRole('heading', { name: 'This is a draft preview' })).toBeVisible()
	await expect(page.getByText('When you publish it, anyone with the link can sign')).toBeVisible()
	await expect(page.getByRole('heading', { name: 'Not open for signing yet' })).toBeVisible()
	await expect(page.getByText('Signing has closed')).toHaveCount(0)
	await expectNoAxeViolations(page)
	await page.goto(manage)

	await page.getByRole('button', { name: 'Publish the petition' }).click()
	await expect(page.getByText('Your petition is published')).toBeVisible()
	await page.goto(`${publicPage.replace(/^https?:\/\/[^/]+/, '')}/edit`)
	await expectNoAxeViolations(page)
	await page.goto(publicPage.replace(/^https?:\/\/[^/]+/, ''))
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
	await expect(page.getByText('Open for signatures')).toBeVisible()
	await expect(page.locator('strong', { hasText: 'countywide' })).toBeVisible()
	await expect(page.getByRole('heading', { name: 'Sign this petition' }).first()).toBeVisible()
	await expectNoAxeViolations(page)
})

test('an update reaches signers who asked for it, and its unsubscribe link works', async ({ page, signIn, demo }) => {
	test.setTimeout(90_000)
	const email = uniqueEmail('updates')
	await signAndConfirm(page, MONROE, { name: 'Uma Updates', email, zip: '31046', updates: true })

	await signIn(demo.marcus)
	await page.goto(`${MONROE}/manage`)
	await expectNoAxeViolations(page)
	const title = `Hearing set for the ninth ${Date.now().toString(36)}`
	await page.getByLabel('Update title').fill(title)
	await page.getByLabel('What you want to tell signers').fill('The board will hear the wells question on **9 December**. Come if you can.')
	await page.getByRole('button', { name: 'Post and email the update' }).click()
	await expect(page.getByText('Your update is posted')).toBeVisible()

	const update = await waitForEmail(email, new RegExp(title))
	const unsubscribe = /https?:\/\/\S+\/petitions\/unsubscribe\/[0-9a-f-]+/.exec(update.Text)?.[0] ?? ''
	expect(unsubscribe).not.toBe('')
	await page.getByRole('button', { name: 'Sign out' }).click()
	await page.goto(unsubscribe)
	await expectNoAxeViolations(page)
	await page.getByRole('button', { name: 'Stop the emails' }).click()
	await expect(page.getByRole('heading', { name: 'You will get no more emails about this petition' })).toBeVisible()
	await expectNoAxeViolations(page)
})

test('an organizer downloads the confirmed signatures as a spreadsheet', async ({ page, signIn, demo }) => {
	await signIn(demo.marcus)
	await page.goto(`${MONROE}/manage`)
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Confirmed signatures (CSV spreadsheet)' }).click(),
	])
	expect(download.suggestedFilename()).toMatch(/^public-hearing-before-monroe-county-wells-signatures-\d{4}-\d{2}-\d{2}\.csv$/)
	const csv = await readFile((await download.path()) ?? '', 'utf8')
	const lines = csv
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n')
	expect(lines[0]).toBe('"Name","Place","Postal code","Country","Confirmed at (UTC)","Comment","Email (only if they asked for updates)"')
	expect(lines.length).toBeGreaterThan(50)
	// The download is in the log on the dashboard.
	await page.reload()
	await expect(page.getByRole('region', { name: 'Log of downloads and moderation' })).toContainText('downloaded the signatures (CSV)')
})

test('the embeddable version shows the count and the form, and may be framed by other sites', async ({ page }) => {
	const response = await page.goto(`${MONROE}/embed`)
	// Any site may frame it; the rest of the page policy (scripts by nonce only) still applies.
	const headers = response?.headers() ?? {}
	const policy = (headers['content-security-policy'] ?? '').split(';').map((directive) => directive.trim())
	expect(policy).toContain('frame-ancestors *')
	expect(policy.find((directive) => directive.startsWith('script-src'))).toMatch(/^script-src 'self' 'nonce-[^']+'$/)
	expect(headers['x-frame-options']).toBeUndefined()
	await expect(page.getByRole('button', { name: 'Sign the petition' })).toBeVisible()
	await expect(page.getByRole('banner')).toHaveCount(0)
	await expectNoAxeViolations(page)
})
