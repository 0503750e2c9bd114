import type { Page } from '@playwright/test'
import { uniqueEmail } from '../helpers/accounts'
import { codeIn, confirmLinkIn, mailboxUrl, waitForEmail } from '../helpers/mailbox'
import { expectNoAxeViolations } from './axe'
import { expect, noSidewaysScroll, test } from './fixtures'

async function signOut(page: Page) {
	await page.getByRole('button', { name: 'Sign out' }).click()
	await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible()
}

test('a newcomer signs up, confirms from the inbox, signs out and signs in with an emailed code', async ({ page }) => {
	test.setTimeout(60_000)
	const email = uniqueEmail('journey')

	await page.goto('/signup')
	await expectNoAxeViolations(page)
	await page.getByLabel('Your name').fill('Jordan')
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Password').fill('prairie lantern 42')
	await page.getByRole('button', { name: 'Create account' }).click()
	await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible()
	await expect(page.getByText(email)).toBeVisible()
	await expectNoAxeViolations(page)

	// Open the email in the local inbox, as a newcomer would: their own (other journeys sign up at the same time).
	const confirmation = await waitForEmail(email, /Confirm your email/)
	await page.goto(`${mailboxUrl()}/message/${encodeURIComponent(confirmation.ID)}`)
	await expect(page.getByRole('heading', { name: 'Confirm your email to finish joining Groundwork' })).toBeVisible()
	const button = page.frameLocator('iframe').getByRole('link', { name: 'Confirm my email' })
	const confirmUrl = await button.getAttribute('href')
	expect(confirmUrl).toMatch(/\/auth\/confirm\?token_hash=.+&type=signup/)
	await page.goto(confirmUrl ?? '')
	await expect(page).toHaveURL(/\/account\?welcome=1$/)
	await expect(page.getByText('Your email is confirmed and you are signed in')).toBeVisible()
	await expect(page.getByLabel('Your name')).toHaveValue('Jordan')
	await expectNoAxeViolations(page)

	// Sign out on this device.
	await signOut(page)
	await page.goto('/account')
	await expect(page).toHaveURL(/\/signin\?redirectTo=%2Faccount/)

	// Sign in with a 6-digit code instead of the password.
	await page.goto('/signin/code')
	await expectNoAxeViolations(page)
	await page.getByLabel('Email address').fill(email)
	await page.getByRole('button', { name: 'Email me a code' }).click()
	await expect(page.getByText(`We sent a code to ${email}`)).toBeVisible()
	const codeEmail = await waitForEmail(email, /sign-in link and code/)
	await page.getByLabel('6-digit code').fill('000000')
	await page.getByRole('button', { name: 'Sign in' }).click()
	await expect(page.getByRole('alert')).toContainText('That code is wrong or has expired')
	await page.getByLabel('6-digit code').fill(codeIn(codeEmail))
	await page.getByRole('button', { name: 'Sign in' }).click()
	await expect(page).toHaveURL(/\/home$/)
	await expect(page.getByRole('heading', { name: 'Coming up' })).toBeVisible()
})

test.describe('at 360 px', () => {
	test.use({ viewport: { width: 360, height: 780 } })

	test('a newcomer types the code from the sign-up email on the check-email page (issue 15, item 14)', async ({ page }) => {
		test.setTimeout(60_000)
		const email = uniqueEmail('typed-code')
		await page.goto('/signup')
		await page.getByLabel('Your name').fill('Kim')
		await page.getByLabel('Email address').fill(email)
		await page.getByLabel('Password').fill('meadow compass 17')
		await page.getByRole('button', { name: 'Create account' }).click()
		await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible()
		await expect(page.getByRole('heading', { name: 'Or type the code from the email' })).toBeVisible()
		await expectNoAxeViolations(page)
		const code = codeIn(await waitForEmail(email, /Confirm your email/))

		// A wrong code says so and keeps the address; nothing has to be typed again but the code.
		await page.getByLabel('6-digit code').fill(code === '000000' ? '111111' : '000000')
		await page.getByRole('button', { name: 'Confirm my email' }).click()
		await expect(page.getByRole('alert')).toContainText('That code is wrong or has expired')
		await expect(page.getByText(`We sent a link to ${email}`)).toBeVisible()
		await expect(page.getByLabel('6-digit code')).toHaveAttribute('aria-invalid', 'true')
		await expectNoAxeViolations(page)
		await noSidewaysScroll(page)

		await page.getByLabel('6-digit code').fill(code)
		await page.getByRole('button', { name: 'Confirm my email' }).click()
		await expect(page).toHaveURL(/\/account\?welcome=1$/)
		await expect(page.getByText('Your email is confirmed and you are signed in')).toBeVisible()
		await expect(page.getByLabel('Your name')).toHaveValue('Kim')
	})
})

test('someone who forgot their password resets it from the emailed link and signs in with the new one', async ({ page, newAccount }) => {
	test.setTimeout(60_000)
	const { email } = await newAccount('forgot', 'Robin')
	await page.goto('/signin')
	await page.getByRole('link', { name: 'Forgot your password?' }).click()
	await expectNoAxeViolations(page)
	await page.getByLabel('Email address').fill(email)
	await page.getByRole('button', { name: 'Send the link' }).click()
	await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible()
	const recovery = await waitForEmail(email, /Reset your Groundwork password/)
	await page.goto(confirmLinkIn(recovery))
	await expect(page).toHaveURL(/\/account\/password$/)
	await expectNoAxeViolations(page)
	await page.getByLabel('New password', { exact: true }).fill('harbor violet 77')
	await page.getByLabel('Type the new password again').fill('harbor violet 77')
	await page.getByRole('button', { name: 'Save the new password' }).click()
	await expect(page.getByText('Your password has been changed')).toBeVisible()
	await signOut(page)

	await page.goto('/signin')
	await expectNoAxeViolations(page)
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Password').fill('prairie lantern 42')
	await page.getByRole('button', { name: 'Sign in', exact: true }).click()
	await expect(page.getByRole('alert')).toContainText('do not match an account')
	await expect(page.getByLabel('Email address')).toHaveValue(email)
	await page.getByLabel('Password').fill('harbor violet 77')
	await page.getByRole('button', { name: 'Sign in', exact: true }).click()
	await expect(page).toHaveURL(/\/home$/)
})

test('sign-up mistakes get field messages and keep what was typed', async ({ page }) => {
	await page.goto('/signup')
	await page.getByLabel('Your name').fill('Sam')
	await page.getByLabel('Email address').fill('not-an-email')
	await page.getByLabel('Password').fill('short')
	await page.getByRole('button', { name: 'Create account' }).click()
	const summary = page.getByRole('alert')
	await expect(summary).toContainText('Enter an email address like name@example.org')
	await expect(summary).toContainText('Use at least 8 characters')
	await expect(page.getByLabel('Your name')).toHaveValue('Sam')
	await expect(page.getByLabel('Email address')).toHaveValue('not-an-email')
	await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true')
	await expectNoAxeViolations(page)
})

test('a sign-in link cannot send people to another site', async ({ page }) => {
	await page.goto('/signin?redirectTo=//evil.example/steal')
	await page.getByLabel('Email address').fill('priya.raman@example.org')
	await page.getByLabel('Password').fill('groundwork-demo')
	await page.getByRole('button', { name: 'Sign in', exact: true }).click()
	// An unsafe address is dropped: the person lands on their own home, on this site.
	await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/home$/)
	await expect(page.getByRole('heading', { name: 'Your chapters' })).toBeVisible()
})

test('an expired or used confirmation link says so and offers a new one', async ({ page }) => {
	await page.goto('/auth/confirm?token_hash=pkce_0000&type=signup')
	await expect(page.getByRole('heading', { name: 'That link has expired or was already used' })).toBeVisible()
	await expect(page.getByRole('link', { name: 'Sign in with a new email code' })).toBeVisible()
	await expectNoAxeViolations(page)
})
