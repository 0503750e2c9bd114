import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'

/**
 * Fails with the list of violations when axe finds any on the page. axe runs
 * as a script, so for pages under test with JavaScript off it checks the same
 * document, fetched again with the page's cookies, in a page whose own
 * scripts are blocked (Playwright cannot evaluate anything in a page with
 * JavaScript disabled).
 */
export async function expectNoAxeViolations(page: Page) {
	const scripted = test.info().project.use.javaScriptEnabled !== false
	const target = scripted ? page : await scriptlessCopy(page)
	try {
		const results = await new AxeBuilder({ page: target }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
		const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
		expect(summary, `axe on ${page.url()}`).toEqual([])
	} finally {
		if (!scripted) await target.context().close()
	}
}

async function scriptlessCopy(page: Page) {
	const url = new URL(page.url())
	const response = await page.context().request.get(url.href, { failOnStatusCode: false, maxRedirects: 0 })
	const html = await response.text()
	const browser = page.context().browser()
	if (!browser) throw new Error('no browser to copy the page into')
	const context = await browser.newContext({ viewport: page.viewportSize(), baseURL: url.origin, javaScriptEnabled: true })
	await context.route(/\.m?js(\?.*)?$/, (route) => route.abort())
	const copy = await context.newPage()
	await copy.route(url.href, (route) => route.fulfill({ contentType: 'text/html', body: html }))
	await copy.goto(url.href)
	await copy.evaluate(() => document.querySelectorAll('script').forEach((script) => script.remove()))
	return copy
}
