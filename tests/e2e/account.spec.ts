import type { Page } from '@playwright/test'
import { PASSWORD, uniqueEmail, type Account } from '../helpers/accounts'
import { confirmLinkIn, waitForEmail } from '../helpers/mailbox'
import { expectNoAxeViolations } from './axe'
import { expect, test } from './fixtures'

// A 1×1 PNG: enough for Storage to take as an image.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

/** A new account ("Casey"), signed in and on its account page; its address. */
async function signedInNewcomer(page: Page, signedInAs: (label: string, name?: string) => Promise<Account>, label: string) {
	const account = await signedInAs(label, 'Casey')
	// Signing in lands on the member's home (issue 15, item 1); the account page is one link away.
	await expect(page).toHaveURL(/\/home$/)
	await page.goto('/account')
	return account.email
}

test('a member sets their name and ZIP code, and a wrong ZIP is explained without losing the name', async ({ page, signedInAs }) => {
	await signedInNewcomer(page, signedInAs, 'profile')
	await expectNoAxeViolations(page)
	await page.getByLabel('Your name').fill('Casey Morgan')
	await page.getByLabel('ZIP or postal code').fill('00000')
	await page.getByRole('button', { name: 'Save' }).click()
	await expect(page.getByRole('alert')).toContainText('We do not know that ZIP code')
	await expect(page.getByLabel('Your name')).toHaveValue('Casey Morgan')
	await expect(page.getByLabel('ZIP or postal code')).toHaveValue('00000')

	await page.getByLabel('ZIP or postal code').fill('20175-1234')
	await page.getByRole('button', { name: 'Save' }).click()
	await expect(page.getByRole('status')).toHaveText('Saved.')
	await expect(page.getByText('We matched this to Loudoun County, VA.')).toBeVisible()
	await expect(page.getByLabel('ZIP or postal code')).toHaveValue('20175')
	await expect(page.getByLabel('Your name')).toHaveValue('Casey Morgan')
})

test('a member uploads a profile picture, which only images of the right size may be', async ({ page, signedInAs }) => {
	await signedInNewcomer(page, signedInAs, 'avatar')
	await page.getByLabel('Choose a picture').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') })
	await page.getByRole('button', { name: 'Upload picture' }).click()
	await expect(page.getByText('That is not a PNG, JPEG or WebP image.')).toBeVisible()

	await page.getByLabel('Choose a picture').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG })
	await page.getByRole('button', { name: 'Upload picture' }).click()
	await expect(page.getByRole('status')).toHaveText('Your picture has been updated.')
	const picture = page.getByRole('img', { name: 'Your profile picture' })
	await expect(picture).toBeVisible()
	const src = await picture.getAttribute('src')
	const image = await fetch(src ?? '')
	expect(image.status).toBe(200)
	expect(image.headers.get('content-type')).toBe('image/png')

	await page.getByRole('button', { name: 'Remove picture' }).click()
	await expect(page.getByText('You have no picture yet.')).toBeVisible()
	expect((await fetch(src ?? '')).status).toBeGreaterThanOrEqual(400)
})

test('a member downloads their data as JSON', async ({ page, signedInAs }) => {
	const email = await signedInNewcomer(page, signedInAs, 'export')
	const response = await page.request.get('/account/export')
	expect(response.status()).toBe(200)
	expect(response.headers()['content-disposition']).toMatch(/attachment; filename="groundwork-my-data-\d{4}-\d{2}-\d{2}\.json"/)
	const data = await response.json()
	expect(data.account.email).toBe(email)
	expect(data.profile.display_name).toBe('Casey')
	expect(data.memberships).toEqual([])
})

test('a member changes their email after confirming from both addresses', async ({ page, signedInAs }) => {
	test.setTimeout(60_000)
	const oldEmail = await signedInNewcomer(page, signedInAs, 'old')
	const newEmail = uniqueEmail('new')
	await page.getByLabel('New email address').fill(newEmail)
	await page.getByRole('button', { name: 'Change email' }).click()
	await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible()
	const toNew = await waitForEmail(newEmail, /Confirm your new email address/)
	const toOld = await waitForEmail(oldEmail, /Confirm your new email address/)
	await page.goto(confirmLinkIn(toOld))
	await page.goto(confirmLinkIn(toNew))
	await page.goto('/account')
	await expect(page.getByText(`Your email address is ${newEmail}.`)).toBeVisible()
})

test('a member deletes their account after typing DELETE, and can no longer sign in', async ({ page, signedInAs }) => {
	const email = await signedInNewcomer(page, signedInAs, 'delete')
	await page.getByRole('link', { name: 'Delete my account' }).click()
	await expectNoAxeViolations(page)
	await page.getByLabel('Type DELETE to confirm').fill('delete')
	await page.getByRole('button', { name: 'Delete my account for good' }).click()
	await expect(page.getByRole('alert')).toContainText('Type DELETE in capital letters')
	await page.getByLabel('Type DELETE to confirm').fill('DELETE')
	await page.getByRole('button', { name: 'Delete my account for good' }).click()
	await expect(page).toHaveURL(/\/\?deleted=1$/)
	await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible()

	await page.goto('/signin')
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Password').fill(PASSWORD)
	await page.getByRole('button', { name: 'Sign in', exact: true }).click()
	await expect(page.getByRole('alert')).toContainText('do not match an account')
})

test('the only organizer of a chapter is asked to hand it over before deleting the account', async ({ page, signIn, demo }) => {
	await signIn(demo.ruth)
	await expect(page).toHaveURL(/\/home$/)
	await page.goto('/account/delete')
	await expect(page.getByText('You are the only organizer of these chapters')).toBeVisible()
	await expect(page.getByRole('button', { name: 'Delete my account for good' })).toHaveCount(0)
})
