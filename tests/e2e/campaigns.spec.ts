import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { expectNoAxeViolations } from './axe'
import { expect, noSidewaysScroll, test } from './fixtures'

// An organizer starts a ballot campaign from the template, enters the
// requirement (a mistake first, kept as typed), links a petition, records two
// paper sheets (one repeating an online signer, one line unreadable, then the
// same sheet twice), and the calculator shows the projected valid count and
// the daily rate needed. A visitor reads the campaign on a 360 px phone.
// With JavaScript (desktop) and without (phone).

async function withClient<T>(work: (client: pg.Client) => Promise<T>) {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
	await client.connect()
	try {
		return await work(client)
	} finally {
		await client.end()
	}
}

/** A published petition of the demo Loudoun chapter with three confirmed signers in Loudoun County (setup, not under test). */
async function petitionWithSigners(suffix: string) {
	return withClient(async (client) => {
		const {
			rows: [petition],
		} = await client.query<{ id: string; slug: string }>(
			`insert into public.petitions (slug, title, decision_maker, summary, signature_goal, chapter_id, created_by, status, published_at)
			select $1, 'Put public power on the Loudoun ballot', 'Loudoun County voters',
				'Sign to put a public power utility before Loudoun County voters.', 100, c.id, c.created_by, 'published', now()
			from public.chapters c where c.slug = 'loudoun-residents-for-responsible-siting'
			returning id, slug`,
			[`loudoun-public-power-${suffix}`],
		)
		if (!petition) throw new Error('no petition')
		for (const name of ['Mary O’Brien', 'Luis Ortega', 'Ann Lee']) {
			const email = `${name.split(' ')[0]?.toLowerCase()}-${suffix}@example.org`
			await client.query(
				`insert into public.signatures (petition_id, name, email, email_normalized, email_domain, country_code, postal_code, county_id,
					state_id, place_label, status, confirmed_at, processed_at)
				select $1, $2, $3, $3, 'example.org', 'US', z.postal_code, z.county_id, z.state_id, z.place_name || ', VA', 'confirmed', now(), now()
				from public.postal_codes z where z.country_code = 'US' and z.postal_code = '20175'`,
				[petition.id, name, email],
			)
		}
		return petition
	})
}

/** Today and a day `days` away, in New York, as the campaign pages count them. */
function civilDay(days: number) {
	const at = new Date(Date.now() + days * 86_400_000)
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

test('an organizer qualifies a ballot campaign on paper and online; a visitor reads it on a phone', async ({
	page,
	browser,
	demo,
	signIn,
}) => {
	// A long journey through four pages and a dozen forms.
	test.setTimeout(150_000)
	const suffix = randomBytes(3).toString('hex')
	const petition = await petitionWithSigners(suffix)
	const name = `Loudoun Public Power ${suffix}`

	await signIn(demo.priya, { redirectTo: '/campaigns/new' })
	await expect(page.getByRole('heading', { name: 'Start a campaign' })).toBeVisible()
	await expectNoAxeViolations(page)
	await page.getByLabel('Name', { exact: true }).fill(name)
	await page.getByLabel('Ballot initiative').check()
	await page.getByLabel('The goal, in one sentence').fill('Put a public power utility before Loudoun County voters.')
	await page.getByLabel('Your chapter').selectOption({ label: 'Loudoun Residents for Responsible Siting' })
	await page.getByLabel('Where').selectOption({ label: 'Loudoun County, Virginia' })
	await page.getByLabel('Name them').fill('Loudoun County voters')
	await page.getByRole('button', { name: 'Start the campaign' }).click()
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
	// The ballot template's steps, in the table beside the timeline.
	await expect(page.getByRole('rowheader', { name: 'Circulating the petition' })).toBeVisible()
	await expect(page.getByRole('rowheader', { name: 'Legislative referral (where the state has one)' })).toBeVisible()
	await expect(page.getByText('The coalition has not recorded the ballot requirement yet.')).toBeVisible()
	const campaignUrl = new URL(page.url()).pathname

	// A percentage with no base: a clear message, and what was typed stays.
	await page.getByRole('link', { name: 'Manage the campaign' }).click()
	await page.getByLabel('A percentage of a base, such as the last vote for governor').check()
	await page.getByLabel('Percentage', { exact: true }).fill('10')
	await page.getByLabel('Statute or source of the rule').fill('Loudoun County Charter § 4 (illustrative)')
	await page.getByRole('button', { name: 'Save the requirement' }).click()
	await expect(page.getByRole('alert').first()).toContainText('enter the base (the number of votes it is a share of)')
	await expect(page.getByLabel('Percentage', { exact: true })).toHaveValue('10')
	await expect(page.getByLabel('Statute or source of the rule')).toHaveValue('Loudoun County Charter § 4 (illustrative)')
	// A validity over 100% is refused too.
	await page.getByLabel('A fixed number of signatures').check()
	await page.getByLabel('Signatures required').fill('60')
	await page.getByLabel('Expected validity (%)').fill('120')
	await page.getByRole('button', { name: 'Save the requirement' }).click()
	await expect(page.getByRole('alert').first()).toContainText('The expected validity is a percentage over 0 and at most 100.')
	await page.getByLabel('Expected validity (%)').fill('80')
	await page.getByLabel('Cushion on top (%)').fill('10')
	await page.getByLabel('Circulation starts').fill(civilDay(-9))
	await page.getByLabel('Last day to file').fill(civilDay(20))
	await page.getByRole('button', { name: 'Save the requirement' }).click()
	await expect(page.getByText('Saved.')).toBeVisible()

	await page.getByLabel('What it is').selectOption('petition')
	await page.getByLabel('Its address on Groundwork').fill(`/petitions/${petition.slug}`)
	await page.getByRole('button', { name: 'Link it' }).click()
	await expect(page.getByText('Petition: Put public power on the Loudoun ballot')).toBeVisible()
	await expectNoAxeViolations(page)

	// The circulation step gets its dates and an owner; a milestone marks the filing day.
	const circulation = page.getByRole('listitem').filter({ has: page.getByRole('group', { name: 'Step 3: Circulating the petition' }) })
	await circulation.getByLabel('Status').selectOption('in_progress')
	await circulation.getByLabel('Starts').fill(civilDay(-9))
	await circulation.getByLabel('Ends').fill(civilDay(20))
	await circulation.getByLabel('Owner').fill('Petition committee')
	await circulation.getByRole('button', { name: 'Save this step' }).click()
	await expect(page.getByText('Saved.')).toBeVisible()
	const milestones = page.getByRole('region', { name: 'Milestones' })
	await milestones.getByLabel('What is due').fill('File the signatures with the registrar')
	await milestones.getByLabel('Due', { exact: true }).fill(civilDay(20))
	await milestones.getByLabel('Owner').fill('Dana Whitfield')
	await milestones.getByRole('button', { name: 'Add the milestone' }).click()
	await expect(page.getByText('File the signatures with the registrar ·')).toBeVisible()

	// Paper: a named sheet with one line nobody could read; the readable lines are saved and the count kept.
	await page.getByRole('link', { name: 'Record paper signatures' }).click()
	await page.getByLabel('Circulator', { exact: true }).fill('Dana Whitfield')
	await page.getByLabel('Date collected').fill(civilDay(-2))
	await page.getByLabel('Town', { exact: true }).fill('Leesburg')
	await page.getByLabel('Sheet number (if the sheet has one)').fill('1')
	await page.getByLabel('Each signer’s name and address').check()
	await page.getByLabel('Signers, one a line').fill("Mary O'Brien; 12 Elm Street; 20175\nJo Park; 3 Oak Ave; 20175\n???")
	await page.getByRole('button', { name: 'Record the sheet' }).click()
	await expect(page.getByText('1 line could not be read as a name and an address')).toBeVisible()
	await expect(page.getByText('Line 3: ???')).toBeVisible()
	await expect(page.getByLabel('Signers, one a line')).toHaveValue("Mary O'Brien; 12 Elm Street; 20175\nJo Park; 3 Oak Ave; 20175\n???")
	await page.getByLabel('Save the readable lines and count the unreadable ones').check()
	await page.getByRole('button', { name: 'Record the sheet' }).click()
	await expect(page.getByText('Recorded 3 signatures, 1 of them unreadable.')).toBeVisible()

	// A counted sheet, then the same sheet again: refused, nothing lost.
	for (const attempt of [1, 2]) {
		await page.getByLabel('Circulator', { exact: true }).fill('Marcus Bell')
		await page.getByLabel('Date collected').fill(civilDay(-1))
		await page.getByLabel('Town', { exact: true }).fill('Ashburn')
		await page.getByLabel('How many signed').check()
		await page.getByLabel('Number of signatures on the sheet').fill('10')
		await page.getByRole('button', { name: 'Record the sheet' }).click()
		if (attempt === 1) await expect(page.getByText('Recorded the sheet: 10 signatures.')).toBeVisible()
	}
	await expect(page.getByRole('alert').first()).toContainText('This sheet is already recorded')
	await expect(page.getByLabel('Number of signatures on the sheet')).toHaveValue('10')

	// The repeat of an online signer is shown, not dropped; totals per circulator and town.
	await page.goto(`${campaignUrl}/paper`)
	await expect(page.getByRole('row', { name: /Mary O'Brien, 12 Elm Street.*An online signature by Mary O’Brien/ })).toBeVisible()
	await expect(page.getByRole('row', { name: 'Marcus Bell 1 10' })).toBeVisible()
	await expect(page.getByRole('row', { name: 'Leesburg 1 3' })).toBeVisible()
	await expectNoAxeViolations(page)

	// 3 online + 13 on paper − 1 repeat = 15 counted; at 80%, 12 valid. To collect: 60 ÷ 0.8 × 1.1 = 83,
	// 68 still to go over 21 days (today and the last day counted): 4 a day.
	await page.goto(campaignUrl)
	await expect(page.locator('#projected-valid')).toHaveText('12')
	await expect(page.locator('#needed-per-day')).toHaveText('4 a day')
	await expect(page.getByRole('row', { name: 'Repeats found (the same person twice; not counted) −1' })).toBeVisible()

	const visitor = await browser.newContext({
		javaScriptEnabled: test.info().project.use.javaScriptEnabled,
		viewport: { width: 360, height: 780 },
	})
	const reader = await visitor.newPage()
	try {
		await reader.goto(campaignUrl)
		await expect(reader.getByRole('heading', { level: 1, name })).toBeVisible()
		await expect(reader.getByRole('link', { name: 'Sign the petition' })).toBeVisible()
		await expect(reader.getByRole('link', { name: 'Sign in to follow this campaign' })).toBeVisible()
		await expect(reader.getByRole('img', { name: /The road so far/ })).toBeVisible()
		await expect(reader.getByText('File the signatures with the registrar, due')).toBeVisible()
		await expect(reader.getByRole('row', { name: /Circulating the petition.*Petition committee.*In progress/ })).toBeVisible()
		await expect(reader.locator('#projected-valid')).toHaveText('12')
		// Paper signers' names never reach a visitor.
		await expect(reader.getByText('Jo Park')).toHaveCount(0)
		await expect(reader.getByRole('link', { name: 'Manage the campaign' })).toHaveCount(0)
		await noSidewaysScroll(reader)
		await expectNoAxeViolations(reader)
		expect((await reader.goto(`${campaignUrl}/paper`))?.url()).toContain('/signin')
	} finally {
		await visitor.close()
	}
})

test('a visitor reads Pine Tree Power’s record on a phone: the filing, the rule and its statute', async ({ browser }) => {
	const visitor = await browser.newContext({
		javaScriptEnabled: test.info().project.use.javaScriptEnabled,
		viewport: { width: 360, height: 780 },
	})
	const reader = await visitor.newPage()
	try {
		await reader.goto('/')
		await reader.getByRole('link', { name: 'Campaigns', exact: true }).first().click()
		await expect(reader.getByRole('heading', { level: 1, name: 'Public-ownership campaigns' })).toBeVisible()
		await reader.getByRole('link', { name: 'Pine Tree Power' }).click()
		await expect(reader.getByRole('heading', { level: 1, name: 'Pine Tree Power' })).toBeVisible()
		await expect(reader.getByRole('row', { name: 'Valid signatures required 63,067 (a fixed number)' })).toBeVisible()
		await expect(reader.getByText('Filed: 80,154 signatures on Monday, October 31, 2022')).toBeVisible()
		await expect(reader.getByText(/21-A M\.R\.S\. § 905/).first()).toBeVisible()
		await expect(reader.locator('#projected-valid')).toHaveText('69,733')
		await noSidewaysScroll(reader)
		await expectNoAxeViolations(reader)
	} finally {
		await visitor.close()
	}
})
