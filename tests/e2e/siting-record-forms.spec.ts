import { expectNoAxeViolations } from './axe'
import { expect, noSidewaysScroll, test } from './fixtures'

// The rest of the siting record's forms (docs/decisions/062, 063), with JavaScript and without, on a
// phone: an organizer adds a proceeding before a body not yet on the list, records its decision and
// the body's rarer rules, adds a sourced timeline entry, and uploads a file a records request brought
// back, held until they share it.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

test('an organizer adds a new body, a decision, rules, a timeline entry and a records file', async ({ page, newAccount, signIn }) => {
	test.setTimeout(120_000)
	const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`
	const organizer = await newAccount('record-organizer', 'Rita Recorder')
	const name = `Project Egret ${stamp}`
	await signIn(organizer)
	await page.goto('/chapters/new')
	await page.getByLabel('Chapter name').fill(`Egret Watch ${stamp}`)
	await page.getByLabel('Where').fill('Loudoun County, VA')
	await page.getByLabel('Anyone (public)').check()
	await page.getByRole('button', { name: 'Start the chapter' }).click()
	await expect(page.getByText('You organize this chapter.')).toBeVisible()
	await page.goto('/projects/new')
	await page.getByLabel('Project name').fill(name)
	await page.getByLabel('County or state').fill('Loudoun County, VA')
	await page.getByLabel('Source for this change').fill('https://example.org/egret-announced')
	await page.getByRole('button', { name: 'Send for review' }).click()
	await page
		.getByRole('region', { name: `New project: ${name}` })
		.getByRole('button', { name: 'Approve' })
		.click()
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
	const projectUrl = new URL(page.url()).pathname

	// 1. A proceeding before a body nobody has added yet.
	await page.goto(`${projectUrl}/proceedings/new`)
	await page.getByLabel('Title', { exact: true }).fill('Rezoning for the Egret campus')
	await page.getByLabel('Deciding body').selectOption({ label: 'A body not on this list (describe it below)' })
	await page.getByLabel('Name of the body').fill(`Egret County Board ${stamp}`)
	await page.getByLabel('The place it decides for').fill('Atlantis, ZZ')
	await page.getByRole('button', { name: 'Add the proceeding' }).click()
	// An unknown place is the field's error, and what was typed stays.
	await expect(page.getByText('We could not find “Atlantis, ZZ”').first()).toBeVisible()
	await expect(page.getByLabel('Name of the body')).toHaveValue(`Egret County Board ${stamp}`)
	await page.getByLabel('The place it decides for').fill('Loudoun County, VA')
	await page.getByLabel('Website (optional)').fill('https://example.org/egret-board')
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)
	await page.getByRole('button', { name: 'Add the proceeding' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Dates for Rezoning for the Egret campus' })).toBeVisible()

	// 2. The decision, after its hearing, with its source.
	const hearingDay = new Date(Date.now() - 10 * 86400_000).toISOString().slice(0, 10)
	const decisionDay = new Date(Date.now() - 3 * 86400_000).toISOString().slice(0, 10)
	// A new proceeding has no dates yet: the only date form is the one that adds one.
	const addDate = page
	await addDate.getByLabel('What it is').selectOption({ label: 'Public hearing' })
	await addDate.getByLabel('Date', { exact: true }).fill(hearingDay)
	await addDate.getByLabel('Time (optional)').fill('19:00')
	await addDate.getByLabel('This already happened').check()
	await addDate.getByRole('button', { name: 'Add the date' }).click()
	await expect(page.getByText('Saved. Followers are told')).toBeVisible()
	const decision = page.getByRole('region', { name: 'The decision' })
	await decision.getByLabel('What was decided').fill('Rezoning denied 6–3')
	await decision.getByLabel('Date of the decision').fill(decisionDay)
	await decision.getByRole('button', { name: 'Save the decision' }).click()
	await expect(page.getByRole('region', { name: 'The decision' }).getByText('Give the link to the minutes').first()).toBeVisible()
	await expect(page.getByRole('region', { name: 'The decision' }).getByLabel('What was decided')).toHaveValue('Rezoning denied 6–3')
	await page.getByRole('region', { name: 'The decision' }).getByLabel('Source of the decision').fill('https://example.org/egret-minutes')
	await page.getByRole('region', { name: 'The decision' }).getByRole('button', { name: 'Save the decision' }).click()
	await expect(page.getByText('The decision is saved.')).toBeVisible()
	await expect(page.getByRole('region', { name: 'The decision' }).getByLabel('What was decided')).toHaveValue('Rezoning denied 6–3')

	// 3. The body's rarer rules, shown on its page.
	await page.getByLabel('Minutes someone speaking for a group gets').fill('6')
	await page.getByRole('group', { name: 'Ways to sign up to speak' }).getByLabel('Online').check()
	await page.getByRole('group', { name: 'Ways to sign up to speak' }).getByLabel('In person').check()
	await page.getByLabel('Days the record stays open after the hearing').fill('7')
	await page.getByLabel('Source of these rules').fill('https://example.org/egret-bylaws')
	await expectNoAxeViolations(page)
	await page.getByRole('button', { name: 'Save the rules' }).click()
	await expect(page.getByText('The body’s rules are saved')).toBeVisible()
	await expect(page.getByRole('group', { name: 'Ways to sign up to speak' }).getByLabel('In person')).toBeChecked()
	await page.goto(projectUrl)
	await expect(page.getByText('Ways to sign up: online, in person').first()).toBeVisible()
	await expect(page.getByText('The record stays open 7 days after the hearing.').first()).toBeVisible()

	// 4. A timeline entry, with its source.
	await page.getByRole('link', { name: 'Add to the timeline or correct it' }).click()
	const add = page.getByRole('region', { name: 'Add an entry' })
	await add.getByLabel('What happened').fill('Board denies the rezoning')
	await add.getByLabel('Date').fill(decisionDay)
	await add.getByRole('button', { name: 'Add the entry' }).click()
	await expect(
		page.getByRole('region', { name: 'Add an entry' }).getByText('Give the link to a page that says it happened').first(),
	).toBeVisible()
	await expect(page.getByRole('region', { name: 'Add an entry' }).getByLabel('What happened')).toHaveValue('Board denies the rezoning')
	await page.getByRole('region', { name: 'Add an entry' }).getByLabel('Source').fill('https://example.org/egret-minutes')
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)
	await page.getByRole('region', { name: 'Add an entry' }).getByRole('button', { name: 'Add the entry' }).click()
	await expect(page.getByText('The timeline is changed')).toBeVisible()
	await page.goto(projectUrl)
	await expect(page.getByRole('link', { name: 'Board denies the rezoning' })).toBeVisible()

	// 5. A records request and a file it brought back, held until shared.
	await page.goto(`${projectUrl}/records/new`)
	await page.getByLabel('Asked of').fill('Egret County Attorney')
	await page.getByLabel('What was asked for').fill('The non-disclosure agreement with the developer')
	await page.getByRole('button', { name: 'Save the request' }).click()
	await expect(page.getByText('The records request is saved.')).toBeVisible()
	await page.getByRole('link', { name: 'Update this request' }).first().click()
	await page.getByLabel('What it is').fill('Non-disclosure agreement')
	await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'nda.pdf', mimeType: 'application/pdf', buffer: PDF })
	await page.getByRole('button', { name: 'Upload the file' }).click()
	await expect(page.getByText('The file is stored.')).toBeVisible()
	const files = page.getByRole('region', { name: 'Files received' })
	await expect(files.getByText('Held: only organizers and moderators see it')).toBeVisible()
	await files.getByRole('button', { name: 'Share it with everyone' }).click()
	await expect(page.getByRole('region', { name: 'Files received' }).getByText('Shared with everyone')).toBeVisible()
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)
	await page.goto(projectUrl)
	await expect(page.getByRole('link', { name: 'Non-disclosure agreement' })).toBeVisible()
})
