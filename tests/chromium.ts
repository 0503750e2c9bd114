import { existsSync } from 'node:fs'

/**
 * The browser the end-to-end tests drive: CHROME_PATH, else the system
 * Chromium, else a browser Playwright installed earlier. Null when none.
 */
export function findChromium(): string | null {
	const candidates = [
		process.env.CHROME_PATH,
		'/usr/bin/chromium',
		'/usr/bin/chromium-browser',
		'/usr/bin/google-chrome',
		'/usr/bin/google-chrome-stable',
	]
	for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate
	return null
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

export const noChromiumMessage = `No Chromium found for the end-to-end tests. Get one of these:
  - Debian/Ubuntu: apt-get install -y --no-install-recommends chromium
  - macOS: brew install --cask chromium, then CHROME_PATH="/Applications/Chromium.app/Contents/MacOS/Chromium"
  - any browser of the Chromium family already installed: set CHROME_PATH to its executable
  - or let Playwright fetch its own: npx playwright install chromium (where the network allows it)`
