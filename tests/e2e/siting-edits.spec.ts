import type { Page } from '@playwright/test'
import { expectNoAxeViolations } from './axe'
import { expect, noSidewaysScroll, test } from './fixtures'

// Changing the siting record (docs/decisions/049): an organizer puts a project on record and
// links their chapter; a member proposes a new figure with its source; the organizer approves it,
// and the project page shows the figure with its source. With JavaScript and without, on a phone.

async function signOut(page: Page) {
	await page.getByRole('button', { name: 'Sign out' }).click()
	await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible()
}

test('a member proposes a sourced figure, the organizer of the linked chapter approves it, the page shows it', async ({
	page,
	newAccount,
	signIn,
}) => {
	// Two people, a chapter, a proposal and its review: past the default 30 s on a busy machine.
	test.setTimeout(90_000)
	const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`
	const organizer = await newAccount('siting-organizer', 'Olive Organizer')
	const member = await newAccount('siting-member', 'Milo Member')
	const name = `Project Heron ${stamp}`

	await signIn(organizer)
	await page.goto('/chapters/new')
	await page.getByLabel('Chapter name').fill(`Heron Watch ${stamp}`)
	await page.getByLabel('Where').fill('Loudoun County, VA')
	await page.getByLabel('Anyone (public)').check()
	await page.getByRole('button', { name: 'Start the chapter' }).click()
	await expect(page.getByText('You organize this chapter.')).toBeVisible()

	await page.goto('/projects/new')
	await page.getByLabel('Project name').fill(name)
	await page.getByLabel('County or state').fill('Loudoun County, VA')
	await page.getByLabel('Source for this change').fill('https://example.org/heron-announced')
	await page.getByRole('button', { name: 'Send for review' }).click()
	await expect(page.getByText('Your proposal is waiting for review')).toBeVisible()
	const proposal = page.getByRole('region', { name: `New project: ${name}` })
	await expect(proposal.getByLabel('Chapter that works on this project')).toHaveValue(/.+/)
	await proposal.getByRole('button', { name: 'Approve' }).click()
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
	const projectUrl = new URL(page.url()).pathname
	await signOut(page)

	await signIn(member)
	await page.goto(`${projectUrl}/edit`)
	await expect(page.getByLabel('County or state')).toHaveValue('Loudoun County, VA')
	const megawatts = page.getByRole('group', { name: 'Power demand, in megawatts' })
	await megawatts.getByLabel('Power demand, in megawatts').fill('450')
	await page.getByRole('button', { name: 'Send for review' }).click()
	// A figure without a source is refused, next to the field, and nothing typed is lost.
	await expect(megawatts.getByText('Give the address of a source for this figure')).toBeVisible()
	await expect(megawatts.getByLabel('Power demand, in megawatts')).toHaveValue('450')
	await megawatts.getByLabel('Source for this figure').fill('https://example.org/heron-450-mw')
	await page.getByLabel('Source for this change').fill('https://example.org/heron-450-mw')
	await expectNoAxeViolations(page)
	await page.getByRole('button', { name: 'Send for review' }).click()
	await expect(page.getByText('Your change is waiting for review')).toBeVisible()
	await signOut(page)

	await signIn(organizer)
	await page.goto(`${projectUrl}/changes`)
	await expect(page.getByRole('cell', { name: '450', exact: true })).toBeVisible()
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)
	await page.getByRole('button', { name: 'Approve' }).click()
	await expect(page.getByText('Approved. The record is changed')).toBeVisible()

	await page.goto(projectUrl)
	await expect(page.getByText('450 megawatts')).toBeVisible()
	const source = page.getByRole('link', { name: 'https://example.org/heron-450-mw' })
	await expect(source).toBeVisible()
	await expect(page.getByRole('link', { name: /^source \d+$/ }).first()).toBeVisible()
})
