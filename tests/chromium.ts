import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'

export type ChromiumLookup = { path: string } | { path: null; problem: string }

/**
 * The browser the end-to-end tests drive: CHROME_PATH when set, else the
 * system Chromium, else a browser Playwright installed earlier.
 */
export function findChromium(): ChromiumLookup {
	const chosen = process.env.CHROME_PATH
	if (chosen) {
		return existsSync(chosen) ? { path: chosen } : { path: null, problem: `CHROME_PATH is set to ${chosen}, which does not exist.` }
	}
	const candidates = [
		'/usr/bin/chromium',
		'/usr/bin/chromium-browser',
		'/usr/bin/google-chrome',
		'/usr/bin/google-chrome-stable',
		playwrightChromium(),
	]
	for (const candidate of candidates) if (candidate && existsSync(candidate)) return { path: candidate }
	return { path: null, problem: 'No Chromium found for the end-to-end tests.' }
}

function playwrightChromium() {
	try {
		return chromium.executablePath()
	} catch {
		return null
	}
}

export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
]

export const howToGetChromium = `Get one of these:
  - Debian/Ubuntu: apt-get install -y --no-install-recommends chromium
  - macOS: brew install --cask chromium, then CHROME_PATH="/Applications/Chromium.app/Contents/MacOS/Chromium"
  - any browser of the Chromium family already installed: set CHROME_PATH to its executable
  - or let Playwright fetch its own: npx playwright install chromium (where the network allows it)`
