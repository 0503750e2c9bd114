import http from 'node:http'
import type { Page } from '@playwright/test'
import { createClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import { streamPost } from '../helpers/stream-post'
import { expect, test } from './fixtures'

// The production server's security headers as a browser meets them
// (docs/decisions/030-security-headers-and-session-cookie.md): the pages
// still hydrate under the Content-Security-Policy, only the petition embed
// can be framed, and oversized bodies are refused by server.mjs itself.

const petition = '/petitions/pause-data-center-zoning-prince-william'

/** Collects every Content-Security-Policy violation the page reports, from the DOM event and the console. */
async function watchPolicy(page: Page) {
	const violations: string[] = []
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
	})
	await page.exposeFunction('reportPolicyViolation', (violation: string) => violations.push(violation))
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			const report = Reflect.get(window, 'reportPolicyViolation')
			if (typeof report === 'function') report(`${event.violatedDirective} ${event.blockedURI}`)
		})
	})
	return violations
}

/**
 * Signs in by an emailed link (/auth/confirm), which the sign-in limit does
 * not count: the journeys' password sign-ins from this machine share one
 * per-IP allowance.
 */
async function signInByLink(page: Page, email: string) {
	const admin = createClient(process.env.SUPABASE_URL ?? '', process.env.SUPABASE_SERVICE_ROLE_KEY ?? '', {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never },
	})
	const { data, error } = await admin.auth.admin.generateLink({ type: 'magiclink', email })
	if (error) throw error
	await page.goto(`/auth/confirm?${new URLSearchParams({ token_hash: data.properties.hashed_token, type: 'magiclink', next: '/account' })}`)
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
}

async function expectHydrated(page: Page) {
	await expect.poll(() => page.evaluate(() => typeof Reflect.get(window, '__remixRouter') === 'object')).toBe(true)
}

test('pages hydrate under the Content-Security-Policy and nothing on them is refused', async ({ page, javaScriptEnabled, newAccount }) => {
	test.skip(!javaScriptEnabled, 'the policy is about scripts')
	const violations = await watchPolicy(page)
	for (const path of ['/', '/chapters', '/petitions', petition, `${petition}/embed`, '/signin', '/no-such-page']) {
		await page.goto(path)
		await expectHydrated(page)
	}
	// Client-side navigation and a signed-in page with a form posted through fetch.
	await page.goto('/')
	await expectHydrated(page)
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chapters' }).click()
	await expect(page).toHaveURL(/\/chapters$/)
	const { email } = await newAccount('csp', 'Casey')
	await signInByLink(page, email)
	await page.goto('/account')
	await expectHydrated(page)
	expect(violations).toEqual([])
})

test('the petition embed shows inside another site; other pages refuse to be framed', async ({ page, baseURL }) => {
	// Another site: a page from another origin (another port) on this machine that frames ours.
	const otherSite = http.createServer((_req, res) => {
		res.setHeader('Content-Type', 'text/html; charset=utf-8')
		res.end(`<!doctype html><title>Another site</title>
			<iframe name="embed" title="embed" src="${baseURL}${petition}/embed"></iframe>
			<iframe name="page" title="page" src="${baseURL}${petition}"></iframe>`)
	})
	await new Promise<void>((resolve) => otherSite.listen(0, '127.0.0.1', resolve))
	const address = otherSite.address()
	if (typeof address !== 'object' || address === null) throw new Error('no address')
	try {
		await page.goto(`http://127.0.0.1:${address.port}/`)
		const embed = page.frameLocator('iframe[name="embed"]')
		await expect(embed.getByRole('heading', { level: 1 })).toBeVisible()
		await expect(embed.getByRole('button').first()).toBeVisible()
		// The full petition page is refused inside the frame: Chromium shows its own error page there instead.
		await expect.poll(() => page.frame({ name: 'page' })?.url()).toMatch(/^chrome-error:/)
		await expect(page.frameLocator('iframe[name="page"]').getByRole('navigation', { name: 'Main' })).toHaveCount(0)
	} finally {
		await new Promise((resolve) => otherSite.close(resolve))
	}
})

test('the production server sets the headers on pages and on static files', async ({ request }) => {
	const page = await request.get('/')
	const headers = page.headers()
	expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/)
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
	expect(headers['x-frame-options']).toBe('DENY')
	expect(headers['x-content-type-options']).toBe('nosniff')
	expect(headers['referrer-policy']).toBe('same-origin')
	// The test server is plain http: no HSTS, which would only be ignored.
	expect(headers['strict-transport-security']).toBeUndefined()

	const stylesheet = /href="(\/assets\/[^"]+\.css)"/.exec(await page.text())?.[1] ?? ''
	expect(stylesheet).not.toBe('')
	const asset = await request.get(stylesheet)
	expect(asset.status()).toBe(200)
	expect(asset.headers()['x-content-type-options']).toBe('nosniff')
})

test('the production server refuses a 150 MB body with a 413 page before reading it all', async ({ baseURL }) => {
	const answer = await streamPost(new URL('/forgot-password', baseURL), 150 * 1024 * 1024)
	expect(answer.status).toBe(413)
	expect(answer.page).toContain('That was too much to send at once')
	expect(answer.sent).toBeLessThan(32 * 1024 * 1024)
})

test('a picture far over the size limit gets the "too much to send" page, with or without JavaScript', async ({
	page,
	javaScriptEnabled,
	newAccount,
}) => {
	const { email } = await newAccount('big-avatar', 'Avery')
	await signInByLink(page, email)
	await page.goto('/account')
	await page
		.getByLabel('Choose a picture')
		.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(8 * 1024 * 1024) })
	await page.getByRole('button', { name: 'Upload picture' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'That was too much to send at once' })).toBeVisible()
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
	// Without JavaScript the answer to the post is the page; with it, the submission's answer sends the browser there.
	await expect(page).toHaveURL(javaScriptEnabled ? /\/request-too-large$/ : /\/account(\?index)?$/)
})
